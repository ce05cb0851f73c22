namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// Fixed, repeatable input patterns: each channel moves by a few counts from cycle to cycle
    /// on its own phase, so the highest and lowest cell change hands and the NTC search takes
    /// different paths, yet every value stays far inside the limits (no fault ever trips).
    /// No random numbers: the same cycle always sees the same inputs.
    /// </summary>
    public static class SyntheticSignal
    {
        /// <summary>A triangle wave from 0 up to span and back, period 2 * span cycles.</summary>
        public static int Triangle(long cycle, int phase, int span)
        {
            int position = (int)((cycle + phase) % (2 * span));
            return position < span ? position : 2 * span - position;
        }
    }
}
