using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The thermistor port: the board's NTC dividers read on ADC1, handed to the firmware in the
    /// counts its NTC table is made for (see NtcTableCounts for why the ESP32 needs this).
    /// </summary>
    public sealed class NtcThermistorInputs : IAnalogInputs
    {
        private readonly IAnalogInputs _adc;
        private readonly NtcTableCounts _counts;

        public NtcThermistorInputs(IAnalogInputs adc, NtcTableCounts counts)
        {
            _adc = adc;
            _counts = counts;
        }

        public int ReadCounts(int channel)
        {
            return _counts.FromAdcCounts(_adc.ReadCounts(channel));
        }
    }
}
