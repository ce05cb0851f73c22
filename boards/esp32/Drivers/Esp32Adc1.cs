using System;
using System.Device.Adc;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The ESP32's ADC1 as nanoFramework exposes it: channels 0-7 on GPIO 36, 37, 38, 39, 32, 33,
    /// 34, 35, raw 12-bit counts at the fixed 11 dB attenuation, no eFuse correction. Scaling is
    /// the firmware's per-channel calibration. (ADC2 cannot be used while WiFi is on.)
    /// </summary>
    public sealed class Esp32Adc1
    {
        public const int Channels = 8;

        private readonly AdcController _controller = new AdcController();
        private readonly AdcChannel[] _channels = new AdcChannel[Channels];

        /// <summary>Opens a channel once, at start-up; reading an unopened channel fails.</summary>
        public void Open(int channel)
        {
            if (_channels[channel] == null)
                _channels[channel] = _controller.OpenChannel(channel);
        }

        /// <summary>Raw counts, or -1 when the conversion failed (the firmware marks the input invalid).</summary>
        public int ReadCounts(int channel)
        {
            AdcChannel adc = _channels[channel];
            if (adc == null)
                return -1;
            try
            {
                return adc.ReadValue();
            }
            catch (Exception)
            {
                return -1;
            }
        }
    }
}
