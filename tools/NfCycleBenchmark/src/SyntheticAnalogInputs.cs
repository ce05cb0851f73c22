using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Benchmark
{
    /// <summary>ADC channels that each follow the triangle wave from a base count, on a phase of their own.</summary>
    public sealed class SyntheticAnalogInputs : IAnalogInputs
    {
        /// <summary>Cell taps near 3.6-3.7 V on a nominal channel (about 1.22 mV per count).</summary>
        public static SyntheticAnalogInputs CellTaps()
        {
            return new SyntheticAnalogInputs(2950, 40, 7, 1);
        }

        /// <summary>
        /// Thermistors between about 22 and 31 °C, one count every 50 cycles: about 0.06 °C/s at
        /// 100 Hz, a warm-up, far below the thermal-runaway rise.
        /// </summary>
        public static SyntheticAnalogInputs Thermistors()
        {
            return new SyntheticAnalogInputs(1900, 300, 53, 50);
        }

        private readonly int _baseCounts;
        private readonly int _spanCounts;
        private readonly int _phasePerChannel;
        private readonly int _cyclesPerCount;

        public long Cycle;

        public SyntheticAnalogInputs(int baseCounts, int spanCounts, int phasePerChannel, int cyclesPerCount)
        {
            _cyclesPerCount = cyclesPerCount;
            _baseCounts = baseCounts;
            _spanCounts = spanCounts;
            _phasePerChannel = phasePerChannel;
        }

        public int ReadCounts(int channel)
        {
            return _baseCounts + SyntheticSignal.Triangle(Cycle / _cyclesPerCount, channel * _phasePerChannel, _spanCounts);
        }
    }
}
