using System.Device.Gpio;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// A relay or contactor coil driven through a logic-level MOSFET on one GPIO: high energises.
    /// The pin is made an output and driven low the moment it is opened, so the coil is off before
    /// any other part of the board exists; from reset until then the pin floats as an input and
    /// the gate's pull-down resistor keeps the coil off.
    /// </summary>
    public sealed class GpioRelay : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioRelay(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        public void Write(bool energised)
        {
            _pin.Write(energised ? PinValue.High : PinValue.Low);
        }
    }
}
