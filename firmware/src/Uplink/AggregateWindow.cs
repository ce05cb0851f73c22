using nanoFramework.BMS.Acquisition;

namespace nanoFramework.BMS.Uplink
{
    /// <summary>
    /// Minimum, maximum and mean per channel over one telemetry interval, for aggregate mode: a
    /// window of any length costs the same few arrays, where keeping every sample of a minute
    /// would not fit the ESP32's heap. Units and rounding as in TelemetryBatch.
    /// The per-channel folds run in every control cycle, so PackSampler does them where it reads
    /// (PackSampler.FoldInto): cells in raw counts, converted here once per interval, and each
    /// temperature when its sensor is read. Add folds the pack's scalars.
    /// </summary>
    public sealed class AggregateWindow
    {
        public readonly int CellCount;
        public readonly int ThermistorCount;

        /// <summary>
        /// Cell readings in raw counts and temperatures in tenths of a °C, as folded; once Close
        /// has run, each one's Min, Max and Mean in the message's units (mV, tenths of a °C).
        /// </summary>
        public readonly ChannelWindow Cells;
        public readonly ChannelWindow Thermistors;

        public int MilliampsMin;
        public int MilliampsMax;
        public long MilliampsSum;
        public int PackMillivoltsMin;
        public int PackMillivoltsMax;
        public long PackMillivoltsSum;

        /// <summary>Flag bits seen in any sample, and in every sample, of the window.</summary>
        public int FlagsAny;
        public int FlagsAll;

        public int Count;
        public int FirstSequence;
        public long FirstTimeMs;

        private readonly ChannelCalibration[] _cellCalibration;

        public AggregateWindow(int cells, int thermistors, ChannelCalibration[] cellCalibration)
        {
            CellCount = cells;
            ThermistorCount = thermistors;
            _cellCalibration = cellCalibration;
            Cells = new ChannelWindow(cells, false);
            Thermistors = new ChannelWindow(thermistors, true);
            Clear();
        }

        /// <summary>Empties the window: once per interval, after its message is encoded.</summary>
        public void Clear()
        {
            Count = 0;
            Cells.Clear();
            Thermistors.Clear();
            MilliampsMin = int.MaxValue;
            MilliampsMax = int.MinValue;
            MilliampsSum = 0;
            PackMillivoltsMin = int.MaxValue;
            PackMillivoltsMax = int.MinValue;
            PackMillivoltsSum = 0;
            FlagsAny = 0;
            FlagsAll = -1;
        }

        /// <summary>The sample's scalars; its channels were folded when they were read.</summary>
        public void Add(Sample sample, int flags)
        {
            int count = Count;
            if (count == 0)
            {
                FirstSequence = sample.Sequence;
                FirstTimeMs = sample.TimeMs;
            }

            // TelemetryBatch.Round, inline: a product goes through a float local, as it went
            // through Round's float parameter, so it is rounded to float before the half is added.
            float scaled = sample.PackAmps * 1000f;
            int value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            if (value < MilliampsMin)
                MilliampsMin = value;
            if (value > MilliampsMax)
                MilliampsMax = value;
            MilliampsSum += value;
            scaled = sample.PackMillivolts;
            value = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            if (value < PackMillivoltsMin)
                PackMillivoltsMin = value;
            if (value > PackMillivoltsMax)
                PackMillivoltsMax = value;
            PackMillivoltsSum += value;

            FlagsAny |= flags;
            FlagsAll &= flags;
            Count = count + 1;
        }

        /// <summary>
        /// Converts the folds into the statistics the message carries. The cells' extremes go
        /// through their channel's calibration, which is monotonic, so the extreme counts give the
        /// extreme millivolts (the lower one of the two when a gain is negative); the mean is the
        /// calibration of the mean count, exact where a mean of rounded millivolts would not be.
        /// A cell whose conversion fails is folded at its last good reading every sample
        /// (PackSampler), so every cell has Count readings; a temperature sensor with no good
        /// reading in the window (failing, or at a rail: flagged and alerted) reports its last
        /// good value, from sample.
        /// </summary>
        public void Close(Sample sample)
        {
            ChannelWindow cells = Cells;
            for (int i = 0; i < CellCount; i++)
            {
                ChannelCalibration calibration = _cellCalibration[i];
                int low = Round(cells.Min[i] * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts);
                int high = Round(cells.Max[i] * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts);
                cells.Min[i] = low < high ? low : high;
                cells.Max[i] = low < high ? high : low;
                cells.Mean[i] = Round(cells.MeanOf(i, Count) * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts);
            }

            ChannelWindow sensors = Thermistors;
            for (int i = 0; i < ThermistorCount; i++)
            {
                int samples = sensors.Samples[i];
                if (samples == 0)
                {
                    int held = Round(sample.Celsius[i] * 10f);
                    sensors.Min[i] = held;
                    sensors.Max[i] = held;
                    sensors.Mean[i] = held;
                    continue;
                }

                sensors.Mean[i] = Round(sensors.MeanOf(i, samples));
            }
        }

        /// <summary>The mean of a scalar's sum over the window, rounded half away from zero.</summary>
        public int Mean(long sum)
        {
            if (Count == 0)
                return 0;
            long half = Count / 2;
            return (int)(sum >= 0 ? (sum + half) / Count : (sum - half) / Count);
        }

        private static int Round(float value)
        {
            return (int)(value < 0f ? value - 0.5f : value + 0.5f);
        }
    }
}
