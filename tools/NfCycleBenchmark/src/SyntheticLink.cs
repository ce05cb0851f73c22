using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>
    /// The load side: at the pack voltage while either relay is energised (the precharge is
    /// instant here), at 0 V otherwise, on the profile's nominal 100 V full-scale channel.
    /// </summary>
    public sealed class SyntheticLink : IAnalogInputs
    {
        private readonly SyntheticOutput _main;
        private readonly SyntheticOutput _precharge;
        private readonly SyntheticCurrentSensor _pack;

        public SyntheticLink(SyntheticOutput main, SyntheticOutput precharge, SyntheticCurrentSensor pack)
        {
            _main = main;
            _precharge = precharge;
            _pack = pack;
        }

        public int ReadCounts(int channel)
        {
            if (!_main.Energised && !_precharge.Energised)
                return 0;
            return (int)(_pack.PackMillivolts() * 4095 / 100000f) + 1;
        }
    }
}
