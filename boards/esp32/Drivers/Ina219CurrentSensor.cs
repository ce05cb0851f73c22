using System;
using System.Device.I2c;
using Iot.Device.Adc;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The current-sensor port over nanoFramework's Iot.Device.Ina219 binding: pack current from
    /// the INA219 on the shunt, pack voltage from the bus input of the INA219 that sees the pack
    /// (the same chip for a pack of at most 26 V, else a second one behind a divider).
    ///
    /// What this binding does, checked in its source (nanoFramework.IoT.Device, devices/Ina219):
    /// - It ignores the I2cTransferResult of every transfer: an unplugged or hung INA219 reads as
    ///   0 A and 0 V, never as an error. So after reading, one transfer of our own to each chip
    ///   tells whether the bus answered, and its status becomes the port's status.
    /// - It reads the current register as two's complement (the desktop binding, in the simulator,
    ///   reads it unsigned and needs folding back): discharge arrives negative as it is.
    /// - It reads the bus register as a signed short, so a bus voltage from 16.384 V up arrives
    ///   32.768 V low (negative): folded back here, as on the simulator.
    /// - Its ShuntAdcResolutionOrSamples setter shifts the value into the bus ADC's bits; only
    ///   9-bit (0) lands right. This adapter sets no resolution at all: after Reset both ADCs are
    ///   12-bit, the bus range 32 V and the PGA 320 mV, which is what it wants.
    /// - It busy-waits the conversion time before each read (532 us at 12 bits) and allocates a
    ///   2- or 3-byte buffer per register access: about 1.6 ms and a few dozen bytes of garbage a
    ///   cycle, the price of using the binding rather than our own register code.
    /// </summary>
    public sealed class Ina219CurrentSensor : ICurrentSensor
    {
        /// <summary>The PGA's full scale after Reset: +/-320 mV across the shunt.</summary>
        private const float ShuntFullScaleVolts = 0.32f;

        private const byte BusVoltageRegister = 0x02;

        private readonly Ina219 _current;
        private readonly Ina219 _voltmeter;
        private readonly I2cDevice _currentDevice;
        private readonly I2cDevice _voltmeterDevice;
        private readonly float _fullScaleAmps;
        private readonly float _packVoltsPerBusVolt;
        private readonly byte[] _probeRegister = new byte[] { BusVoltageRegister };
        private readonly byte[] _probeReply = new byte[2];

        /// <param name="currentDevice">The INA219 on the shunt.</param>
        /// <param name="voltmeterDevice">The INA219 whose bus input reads the (divided) pack voltage; null when it is currentDevice.</param>
        /// <param name="shuntOhms">Shunt resistance between IN+ and IN-.</param>
        /// <param name="currentLsbAmps">Amperes per count of the current register.</param>
        /// <param name="packVoltsPerBusVolt">Ratio of the divider in front of the voltmeter's bus input (1 without one).</param>
        public Ina219CurrentSensor(I2cDevice currentDevice, I2cDevice voltmeterDevice, float shuntOhms, float currentLsbAmps, float packVoltsPerBusVolt)
        {
            _currentDevice = currentDevice;
            _voltmeterDevice = voltmeterDevice;
            _fullScaleAmps = ShuntFullScaleVolts / shuntOhms;
            _packVoltsPerBusVolt = packVoltsPerBusVolt;
            _current = new Ina219(currentDevice);
            _current.Reset();

            // Datasheet: Cal = trunc(0.04096 / (Current_LSB x R_shunt)).
            _current.SetCalibration((ushort)(0.04096f / (currentLsbAmps * shuntOhms)), currentLsbAmps);
            if (voltmeterDevice == null)
            {
                _voltmeter = _current;
            }
            else
            {
                _voltmeter = new Ina219(voltmeterDevice);
                _voltmeter.Reset();
            }
        }

        public CurrentSensorStatus Read(out float packAmps, out float packMillivolts)
        {
            packAmps = 0f;
            packMillivolts = 0f;
            try
            {
                float amps = (float)_current.ReadCurrent().Amperes;

                // The bus read also refreshes the math-overflow flag of the current chip.
                float busVolts = (float)_current.ReadBusVoltage().Volts;
                if (_current.MathOverflowFlag)
                {
                    // Beyond the PGA's range the current register is meaningless; the shunt
                    // register still says which way. Report full scale that way, so the
                    // over-current rules trip for what it is rather than a sensor fault.
                    amps = _current.ReadShuntVoltage().Volts < 0 ? -_fullScaleAmps : _fullScaleAmps;
                }

                if (_voltmeter != _current)
                    busVolts = (float)_voltmeter.ReadBusVoltage().Volts;

                CurrentSensorStatus status = Probe(_currentDevice);
                if (status == CurrentSensorStatus.Ok && _voltmeterDevice != null)
                    status = Probe(_voltmeterDevice);
                if (status != CurrentSensorStatus.Ok)
                    return status;

                packAmps = amps;
                packMillivolts = UnsignedBusVolts(busVolts) * 1000f * _packVoltsPerBusVolt;
                return CurrentSensorStatus.Ok;
            }
            catch (Exception)
            {
                return CurrentSensorStatus.BusError;
            }
        }

        /// <summary>One register read of our own: did the chip answer, completely?</summary>
        private CurrentSensorStatus Probe(I2cDevice device)
        {
            I2cTransferResult result = device.WriteRead(_probeRegister, _probeReply);
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return CurrentSensorStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return CurrentSensorStatus.NoAcknowledge;
                case I2cTransferStatus.ClockStretchTimeout:
                    return CurrentSensorStatus.Timeout;
                case I2cTransferStatus.PartialTransfer:
                    return CurrentSensorStatus.ShortRead;
                default:
                    return CurrentSensorStatus.BusError;
            }
        }

        /// <summary>The 13-bit bus value uses bit 15 too; the binding's signed read turns 16.384 V and up negative.</summary>
        private static float UnsignedBusVolts(float volts)
        {
            return volts < 0f ? volts + 8192 * 0.004f : volts;
        }
    }
}
