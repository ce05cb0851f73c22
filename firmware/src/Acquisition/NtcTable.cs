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

        /// <summary>Temperature for the counts, clamped to the table's -40..125 °C.</summary>
        public static float CountsToCelsius(int counts)
        {
            short[] table = Counts;
            int last = table.Length - 1;
            if (counts <= table[0])
                return Celsius[0];
            if (counts >= table[last])
                return Celsius[last];

            // Binary search: 6 steps for 34 points, fewer IL instructions than a linear scan.
            int low = 0;
            int high = last;
            while (high - low > 1)
            {
                int mid = (low + high) >> 1;
                if (table[mid] <= counts)
                    low = mid;
                else
                    high = mid;
            }

            float fraction = (float)(counts - table[low]) / (table[high] - table[low]);
            return Celsius[low] + fraction * (Celsius[high] - Celsius[low]);
        }
    }
}
