using System.Device.I2c;
using Iot.Device.Adc;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Sim.Drivers;

/// <summary>
/// The current-sensor port over the Iot.Device.Ina219 binding. The ESP32 board has the same
/// adapter over nanoFramework's build of the binding.
/// </summary>
public sealed class Ina219CurrentSensor : ICurrentSensor
{
    private const byte BusVoltageRegister = 0x02;
    private const byte PowerRegister = 0x03;
    private const ushort ConversionReadyBit = 0x0002;

    private readonly I2cDevice _device;
    private readonly Ina219 _ina219;
    private readonly byte[] _pointer = new byte[1];
    private readonly byte[] _register = new byte[2];
    private readonly float _currentLsbAmps;
    private readonly float _packVoltsPerBusVolt;

    /// <param name="shuntOhms">Shunt resistor between IN+ and IN-.</param>
    /// <param name="currentLsbAmps">Current per count of the current register; sets the range (32767 counts).</param>
    /// <param name="packVoltsPerBusVolt">Ratio of the divider in front of IN-: the INA219 reads at most 26 V.</param>
    public Ina219CurrentSensor(I2cDevice device, float shuntOhms, float currentLsbAmps, float packVoltsPerBusVolt)
    {
        Ina219ConversionWait.Remove();
        _device = device;
        _currentLsbAmps = currentLsbAmps;
        _packVoltsPerBusVolt = packVoltsPerBusVolt;
        _ina219 = new Ina219(device);
        _ina219.Reset();
        _ina219.BusVoltageRange = Ina219BusVoltageRange.Range32v;
        _ina219.PgaSensitivity = Ina219PgaSensitivity.PlusOrMinus320mv;
        // 9-bit conversions take 84 µs instead of 532 µs; the firmware's debounce does the averaging.
        _ina219.BusAdcResolutionOrSamples = Ina219AdcResolutionOrSamples.Adc9Bit;
        _ina219.ShuntAdcResolutionOrSamples = Ina219AdcResolutionOrSamples.Adc9Bit;
        // Datasheet: Cal = trunc(0.04096 / (Current_LSB × R_shunt)).
        _ina219.SetCalibration((ushort)(0.04096f / (currentLsbAmps * shuntOhms)), currentLsbAmps);
    }

    public CurrentSensorStatus Read(out float packAmps, out float packMillivolts)
    {
        packAmps = 0;
        packMillivolts = 0;
        try
        {
            // Freshness: the binding drops the bus register's conversion-ready bit (CNVR), so it
            // is read here beside it. Clear means no conversion since the last read: the chip
            // has stopped converting, and the values it holds are stale.
            if ((ReadRegister(BusVoltageRegister) & ConversionReadyBit) == 0)
                return CurrentSensorStatus.NotUpdated;
            packAmps = SignedAmps((float)_ina219.ReadCurrent().Amperes);
            packMillivolts = UnsignedBusVolts((float)_ina219.ReadBusVoltage().Volts) * 1000f * _packVoltsPerBusVolt;
            // Reading the power register clears CNVR, so the next read can tell a new conversion.
            ReadRegister(PowerRegister);
            return CurrentSensorStatus.Ok;
        }
        catch (IOException e)
        {
            // Linux's i2c-dev puts the errno in HResult; the simulated bus does the same.
            return e.HResult switch
            {
                Ina219Model.ErrnoNoAcknowledge => CurrentSensorStatus.NoAcknowledge,
                Ina219Model.ErrnoTimeout => CurrentSensorStatus.Timeout,
                Ina219Model.ErrnoShortRead => CurrentSensorStatus.ShortRead,
                _ => CurrentSensorStatus.BusError,
            };
        }
        catch (TimeoutException)
        {
            return CurrentSensorStatus.Timeout;
        }
    }

    private ushort ReadRegister(byte register)
    {
        _pointer[0] = register;
        _device.WriteRead(_pointer, _register);
        return (ushort)((_register[0] << 8) | _register[1]);
    }

    /// <summary>
    /// The binding reads the bus register as signed, but its 13-bit value uses bit 15 too: from
    /// 16.384 V up it arrives 32.768 V low (negative). Fold it back.
    /// </summary>
    private static float UnsignedBusVolts(float volts) => volts < 0f ? volts + 8192 * 0.004f : volts;

    /// <summary>
    /// The binding scales the current register as unsigned, so a discharge (negative register)
    /// arrives as a value above 32767 LSB; fold it back to its two's-complement meaning.
    /// </summary>
    private float SignedAmps(float amps)
    {
        float counts = amps / _currentLsbAmps;
        return counts > short.MaxValue ? (counts - 65536f) * _currentLsbAmps : amps;
    }
}
