using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>Thermistors between about 22 and 31 °C, each on its own phase.</summary>
    public sealed class SyntheticThermistorInputs : IAnalogInputs
    {
        public const int BaseCounts = 1900;
        public const int SpanCounts = 300;

        public long Cycle;

        public int ReadCounts(int channel)
        {
            return BaseCounts + SyntheticSignal.Triangle(Cycle, channel * 53, SpanCounts);
        }
    }
}
