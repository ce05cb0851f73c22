namespace nanoFramework.BMS.Acquisition
{
    /// <summary>
    /// Counts-to-°C for a 10 kΩ B3435 NTC to ground with a 10 kΩ pull-up on a 12-bit ADC.
    /// A table with linear interpolation instead of the Beta equation, because the firmware has no
    /// logarithm (no System.Math) and a table is cheaper on the interpreter. The tests recompute
    /// every point from the Beta equation.
    /// </summary>
    public static class NtcTable
    {
        public const float BetaKelvin = 3435f;
        public const float NominalOhms = 10000f;
        public const float PullUpOhms = 10000f;

        /// <summary>ADC counts at each table point, ascending (so hottest first).</summary>
        public static readonly short[] Counts =
        {
            215, 238, 265, 295, 329, 368, 412, 462, 519, 584, 657, 740, 834, 940, 1059, 1191, 1337,
            1496, 1669, 1854, 2048, 2248, 2451, 2654, 2850, 3037, 3210, 3368, 3507, 3627, 3729, 3813, 3882, 3936,
        };

        /// <summary>Temperature at each table point, °C.</summary>
        public static readonly short[] Celsius =
        {
            125, 120, 115, 110, 105, 100, 95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45,
            40, 35, 30, 25, 20, 15, 10, 5, 0, -5, -10, -15, -20, -25, -30, -35, -40,
        };

        // Finding the segment was a 6-step binary search: about 150 IL per thermistor, 1,200 of a
        // 16-cell, 8-sensor cycle's 4,000 on the interpreter. Instead the counts' bucket of 16
        // gives the segment that bucket starts in, and a step forward at most (segments are wider
        // than a bucket) finds the right one; the per-segment arrays spare the interpolation index
        // arithmetic, four array reads and three conversions, and the table's ends in fields spare
        // the clamps reading the table (51 -> about 38 IL a thermistor). Same arithmetic in the
        // same order, so the results are bit for bit those of the search (NtcTableTests compares
        // every count).
        internal const int BucketShift = 4;
        internal static readonly int FirstCounts;
        internal static readonly int LastCounts;
        internal static readonly float FirstCelsius;
        internal static readonly float LastCelsius;
        internal static readonly byte[] SegmentOfBucket;
        internal static readonly int[] SegmentStartCounts;
        internal static readonly int[] SegmentEndCounts;
        internal static readonly float[] SegmentFirstCelsius;
        internal static readonly float[] SegmentSpanCounts;
        internal static readonly float[] SegmentStepCelsius;

        static NtcTable()
        {
            int last = Counts.Length - 1;
            FirstCounts = Counts[0];
            LastCounts = Counts[last];
            FirstCelsius = Celsius[0];
            LastCelsius = Celsius[last];
            SegmentStartCounts = new int[last];
            SegmentEndCounts = new int[last];
            SegmentFirstCelsius = new float[last];
            SegmentSpanCounts = new float[last];
            SegmentStepCelsius = new float[last];
            for (int low = 0; low < last; low++)
            {
                SegmentStartCounts[low] = Counts[low];
                SegmentEndCounts[low] = Counts[low + 1];
                SegmentFirstCelsius[low] = Celsius[low];
                SegmentSpanCounts[low] = Counts[low + 1] - Counts[low];
                SegmentStepCelsius[low] = Celsius[low + 1] - Celsius[low];
            }

            // For each bucket, the last segment starting at or below the bucket's lowest count.
            SegmentOfBucket = new byte[(Counts[last] >> BucketShift) + 1];
            int segment = 0;
            for (int bucket = 0; bucket < SegmentOfBucket.Length; bucket++)
            {
                while (segment + 1 < last && Counts[segment + 1] <= bucket << BucketShift)
                    segment++;
                SegmentOfBucket[bucket] = (byte)segment;
            }
        }

        /// <summary>Temperature for the counts, clamped to the table's -40..125 °C.</summary>
        public static float CountsToCelsius(int counts)
        {
            if (counts <= FirstCounts)
                return FirstCelsius;
            if (counts >= LastCounts)
                return LastCelsius;

            int low = SegmentOfBucket[counts >> BucketShift];
            while (counts >= SegmentEndCounts[low])
                low++;
            return SegmentFirstCelsius[low] + (float)(counts - SegmentStartCounts[low]) / SegmentSpanCounts[low] * SegmentStepCelsius[low];
        }
    }
}
