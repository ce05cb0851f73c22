namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// Lowest, highest and sum of each channel's integer readings over a telemetry window, and, for
    /// channels not read in every sample, how many readings each contributed. PackSampler folds a
    /// reading in where it reads it (see PackSampler.FoldInto): a separate pass over the sample
    /// would pay a loop and an array load per channel again, about 11 IL a channel, 24 channels a
    /// cycle at 16 cells and 8 sensors. When the window closes, its owner converts Min and Max in
    /// place and writes Mean, in the units the message carries (AggregateWindow.Close): the heap
    /// has no room for a second set of arrays.
    /// </summary>
    public sealed class ChannelWindow
    {
        public readonly int[] Min;
        public readonly int[] Max;
        public readonly long[] Sum;
        public readonly int[] Mean;

        /// <summary>Readings per channel; null for channels read in every sample (the cells), whose count is the window's.</summary>
        public readonly int[] Samples;

        public ChannelWindow(int channels, bool countsReadings)
        {
            Min = new int[channels];
            Max = new int[channels];
            Sum = new long[channels];
            Mean = new int[channels];
            if (countsReadings)
                Samples = new int[channels];
            Clear();
        }

        /// <summary>
        /// Starts from neutral extremes, so the first reading sets both without the fold asking
        /// on every reading whether it is the first.
        /// </summary>
        public void Clear()
        {
            for (int i = 0; i < Min.Length; i++)
            {
                Min[i] = int.MaxValue;
                Max[i] = int.MinValue;
                Sum[i] = 0;
                if (Samples != null)
                    Samples[i] = 0;
            }
        }

        /// <summary>Folds one reading of a channel in, and counts it.</summary>
        public void Add(int channel, int value)
        {
            Fold(channel, value);
            Samples[channel]++;
        }

        /// <summary>Folds one reading in without counting it, for channels read in every sample.</summary>
        public void Fold(int channel, int value)
        {
            if (value < Min[channel])
                Min[channel] = value;
            if (value > Max[channel])
                Max[channel] = value;
            Sum[channel] += value;
        }

        /// <summary>The mean of a channel's samples readings, as a float; 0 for none.</summary>
        public float MeanOf(int channel, int samples)
        {
            if (samples <= 0)
                return 0f;
            long sum = Sum[channel];
            long whole = sum / samples;
            return whole + (float)(sum - whole * samples) / samples;
        }
    }
}
