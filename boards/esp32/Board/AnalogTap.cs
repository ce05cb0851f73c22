namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// Where one analog input is read: an ADC1 channel, either wired to the pin directly or
    /// through an input of the multiplexer in front of that pin.
    /// </summary>
    public sealed class AnalogTap
    {
        /// <summary>No multiplexer: the signal is on the ADC pin itself.</summary>
        public const int Direct = -1;

        /// <summary>ADC1 channel 0-7 (GPIO 36, 37, 38, 39, 32, 33, 34, 35). ADC2 stops working while WiFi is on.</summary>
        public int Adc1Channel;

        /// <summary>The multiplexer input (0-15) routed to the channel's pin, or Direct.</summary>
        public int MultiplexerInput;

        public AnalogTap(int adc1Channel, int multiplexerInput)
        {
            Adc1Channel = adc1Channel;
            MultiplexerInput = multiplexerInput;
        }
    }
}
