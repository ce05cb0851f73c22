using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>Cell taps near 3.6-3.7 V on a nominal channel (about 1.22 mV per count).</summary>
    public sealed class SyntheticCellInputs : IAnalogInputs
    {
        public const int BaseCounts = 2950;
        public const int SpanCounts = 40;

        public long Cycle;

        public int ReadCounts(int channel)
        {
            return BaseCounts + SyntheticSignal.Triangle(Cycle, channel * 7, SpanCounts);
        }
    }
}
