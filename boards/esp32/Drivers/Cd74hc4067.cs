using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// CD74HC4067 16-channel analog multiplexer(s) on four select lines (S0-S3). Two chips on the
    /// same lines, each in front of its own ADC pin, switch together: input n of both is selected
    /// at once. After a switch the output needs time to settle (the channel's filter capacitor
    /// and the ADC's sampling capacitor charge through the front end); the wait is a busy wait on
    /// the microsecond timer, far shorter than a millisecond sleep.
    /// </summary>
    public sealed class Cd74hc4067
    {
        public const int Inputs = 16;

        private readonly GpioPin[] _select = new GpioPin[4];
        private readonly ulong _settleMicroseconds;
        private int _selected = -1;

        /// <param name="selectPins">GPIO numbers of S0, S1, S2, S3.</param>
        /// <param name="enablePin">The active-low enable, driven low here; -1 when it is tied to ground.</param>
        public Cd74hc4067(GpioController gpio, int[] selectPins, int enablePin, int settleMicroseconds)
        {
            for (int i = 0; i < _select.Length; i++)
            {
                _select[i] = gpio.OpenPin(selectPins[i], PinMode.Output);
                _select[i].Write(PinValue.Low);
            }

            if (enablePin >= 0)
                gpio.OpenPin(enablePin, PinMode.Output).Write(PinValue.Low);
            _settleMicroseconds = (ulong)settleMicroseconds;
        }

        /// <summary>Routes input 0-15 to the output; writes only the select lines that change, and waits only after a change.</summary>
        public void Select(int input)
        {
            if (input == _selected)
                return;
            int changed = _selected < 0 ? 0xF : input ^ _selected;
            for (int bit = 0; bit < _select.Length; bit++)
            {
                if ((changed & (1 << bit)) != 0)
                    _select[bit].Write((input & (1 << bit)) != 0 ? PinValue.High : PinValue.Low);
            }

            _selected = input;
            ulong until = HighResTimer.GetCurrent() + _settleMicroseconds;
            while (HighResTimer.GetCurrent() < until)
            {
            }
        }
    }
}
