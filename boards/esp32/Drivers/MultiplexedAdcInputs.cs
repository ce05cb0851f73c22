using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// One of the firmware's analog ports (cell taps, thermistors or the load side) on ADC1: each
    /// channel the firmware asks for is a tap of the board configuration, read directly on its
    /// ADC pin or after selecting its multiplexer input. Raw counts; no scaling here.
    /// </summary>
    public sealed class MultiplexedAdcInputs : IAnalogInputs
    {
        private readonly Esp32Adc1 _adc;
        private readonly Cd74hc4067 _multiplexer;
        private readonly AnalogTap[] _taps;

        /// <param name="multiplexer">Null when no tap goes through one.</param>
        public MultiplexedAdcInputs(Esp32Adc1 adc, Cd74hc4067 multiplexer, AnalogTap[] taps)
        {
            _adc = adc;
            _multiplexer = multiplexer;
            _taps = taps;
            for (int i = 0; i < taps.Length; i++)
                adc.Open(taps[i].Adc1Channel);
        }

        public int ReadCounts(int channel)
        {
            if (channel < 0 || channel >= _taps.Length)
                return -1;
            AnalogTap tap = _taps[channel];
            if (tap.MultiplexerInput != AnalogTap.Direct)
            {
                if (_multiplexer == null)
                    return -1;
                _multiplexer.Select(tap.MultiplexerInput);
            }

            return _adc.ReadCounts(tap.Adc1Channel);
        }
    }
}
