using System.Device.I2c;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>How the simulated INA219's bus misbehaves, for fault injection.</summary>
public enum I2cFailure
{
    None,

    /// <summary>The chip does not acknowledge its address (unplugged, dead).</summary>
    NoAcknowledge,

    /// <summary>The transfer times out (bus held low by a stuck device).</summary>
    Timeout,

    /// <summary>Fewer bytes arrive than were asked for.</summary>
    ShortRead,

    /// <summary>The chip answers, but its result registers are frozen at their last values.</summary>
    Frozen,
}

/// <summary>
/// An INA219 current and bus-voltage monitor modelled at register level (TI SBOS448), behind
/// the same I2cDevice base class a real bus device uses, so the real Iot.Device.Ina219 binding
/// drives it unchanged.
/// </summary>
public sealed class Ina219Model : I2cDevice
{
    public const int DefaultAddress = 0x40;
    private const ushort ConfigurationDefault = 0x399F;

    private readonly ushort[] _registers = new ushort[6];
    private readonly Func<double> _amps;
    private readonly Func<double> _busVolts;
    private int _pointer;

    /// <param name="amps">Current through the shunt, positive from IN+ to IN- (charging).</param>
    /// <param name="busVolts">Voltage at IN-, after any divider of the board.</param>
    public Ina219Model(double shuntOhms, Func<double> amps, Func<double> busVolts)
    {
        ShuntOhms = shuntOhms;
        _amps = amps;
        _busVolts = busVolts;
        _registers[0] = ConfigurationDefault;
    }

    public double ShuntOhms { get; }

    public I2cFailure Failure { get; set; }

    /// <summary>Bus transfers served so far.</summary>
    public long Transfers { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, DefaultAddress);

    public override void Read(Span<byte> buffer)
    {
        CheckBus();
        ushort value = RegisterValue(_pointer);
        if (buffer.Length > 0)
            buffer[0] = (byte)(value >> 8);
        if (buffer.Length > 1)
            buffer[1] = (byte)value;
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckBus();
        if (buffer.Length == 0)
            return;
        _pointer = buffer[0] % _registers.Length;
        if (buffer.Length >= 3)
            WriteRegister(_pointer, (ushort)((buffer[1] << 8) | buffer[2]));
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <summary>Linux error numbers, as the kernel's i2c-dev reports them in IOException.HResult.</summary>
    public const int ErrnoNoAcknowledge = 6;   // ENXIO
    public const int ErrnoTimeout = 110;       // ETIMEDOUT
    public const int ErrnoShortRead = 5;       // EIO

    private void CheckBus()
    {
        Transfers++;
        switch (Failure)
        {
            case I2cFailure.NoAcknowledge:
                throw new IOException("I2C address 0x40 not acknowledged", ErrnoNoAcknowledge);
            case I2cFailure.Timeout:
                throw new IOException("I2C transfer timed out", ErrnoTimeout);
            case I2cFailure.ShortRead:
                throw new IOException("I2C read returned fewer bytes than requested", ErrnoShortRead);
        }
    }

    private void WriteRegister(int register, ushort value)
    {
        if (register == 0 && (value & 0x8000) != 0)
        {
            Array.Clear(_registers);
            _registers[0] = ConfigurationDefault;
            return;
        }

        // Shunt, bus, power and current are read-only results.
        if (register == 0 || register == 5)
            _registers[register] = register == 5 ? (ushort)(value & 0xFFFE) : value;
    }

    private readonly ushort[] _frozen = new ushort[6];

    private ushort RegisterValue(int register)
    {
        if (Failure == I2cFailure.Frozen)
            return _frozen[register];
        ushort value = LiveRegisterValue(register);
        _frozen[register] = value;
        return value;
    }

    /// <summary>Gaussian noise on the shunt input, in 10 µV steps: a live reading flickers.</summary>
    public double ShuntNoiseCounts { get; set; } = 0.7;

    /// <summary>Offset of the shunt amplifier, A (the datasheet allows up to ±100 µV).</summary>
    public double OffsetAmps { get; set; }

    /// <summary>Gain error of the shunt and the chip, as a fraction.</summary>
    public double GainError { get; set; }

    private readonly Random _noise = new(17);

    private ushort LiveRegisterValue(int register)
    {
        switch (register)
        {
            case 1:
                return (ushort)ShuntRegister();
            case 2:
                // Bits 15-3 in 4 mV steps; CNVR (bit 1) set: a conversion is ready.
                return (ushort)((BusCounts() << 3) | 0x2);
            case 3:
                // Power = current register × bus register (4 mV counts) / 5000, per the datasheet.
                return (ushort)Math.Clamp(Math.Abs(CurrentRegister()) * BusCounts() / 5000, 0, 65535);
            case 4:
                return (ushort)CurrentRegister();
            default:
                return _registers[register];
        }
    }

    /// <summary>Gain of the bus-voltage path (the board's divider); 1 when healthy, off when a divider resistor drifts.</summary>
    public double BusVoltageScale { get; set; } = 1;

    private int BusCounts() => (int)Math.Clamp(Math.Round(_busVolts() * BusVoltageScale / 0.004), 0, 8191);

    /// <summary>Shunt voltage in 10 µV steps, saturating at the PGA range (±320 mV at the default /8).</summary>
    private short ShuntRegister()
    {
        double amps = (_amps() + OffsetAmps) * (1 + GainError);
        double counts = amps * ShuntOhms * 1e6 / 10 + ShuntNoiseCounts * Gaussian.Next(_noise);
        return (short)Math.Clamp(Math.Round(counts), -32000, 32000);
    }

    /// <summary>Current register: shunt × calibration / 4096, as the chip computes it (0 until calibrated).</summary>
    private short CurrentRegister()
    {
        long value = (long)ShuntRegister() * _registers[5] / 4096;
        return (short)Math.Clamp(value, short.MinValue, short.MaxValue);
    }
}
