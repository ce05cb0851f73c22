using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>Virtual time: advanced by the driver, so a run does not depend on how fast the machine is.</summary>
    public sealed class SyntheticClock : IClock
    {
        public long Ms;

        public long NowMs
        {
            get { return Ms; }
        }
    }
}
