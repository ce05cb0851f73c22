using System.Device.I2c;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>How the simulated INA219 or its bus misbehaves, for fault injection.</summary>
public enum I2cFailure
{
    None,

    /// <summary>The chip does not acknowledge its address (unplugged, dead).</summary>
    NoAcknowledge,

    /// <summary>The transfer times out (the chip stretches the clock too long).</summary>
    Timeout,

    /// <summary>Fewer bytes arrive than were asked for.</summary>
    ShortRead,

    /// <summary>The chip answers, but its result registers are frozen at their last values (conversion-ready bit included).</summary>
    Frozen,

    /// <summary>
    /// A device holds SDA low: the controller finds the bus busy before every transfer and its
    /// recovery (nine clocks) does not free it. Linux reports EBUSY.
    /// </summary>
    StuckBus,

    /// <summary>
    /// The chip answers but has stopped converting (a brown-out left it in power-down, its ADC
    /// stalled): the results stay as they were and the conversion-ready bit stays clear.
    /// </summary>
    ConversionsStopped,
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

    /// <param name="amps">Current through the shunt, positive from IN+ to IN- (charging); read once per conversion.</param>
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
    public const int ErrnoBusBusy = 16;        // EBUSY

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
            case I2cFailure.StuckBus:
                throw new IOException("I2C bus busy: SDA held low, recovery failed", ErrnoBusBusy);
        }
    }

    private void WriteRegister(int register, ushort value)
    {
        // Any write of the configuration (a reset, or new operating-mode bits) clears CNVR;
        // the next conversion sets it again.
        if (register == 0)
            _conversionReady = false;
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

    // The last conversion's results, as the chip holds them between conversions.
    private short _shuntCounts;
    private int _busCounts;
    private bool _conversionReady;

    /// <summary>
    /// The chip's continuous conversions during one sample period: the board calls this once per
    /// step, so every read within a control cycle sees the same, latest result (as the chip's
    /// registers hold it) and the pack's voltage is summed once per step, not once per read.
    /// Sets the conversion-ready bit (CNVR), which a read of the power register clears.
    /// </summary>
    public void Convert()
    {
        if (Failure == I2cFailure.ConversionsStopped)
            return;
        double amps = (_amps() + OffsetAmps) * (1 + GainError);
        double counts = amps * ShuntOhms * 1e6 / 10 + ShuntNoiseCounts * _noise.Next();
        _shuntCounts = (short)Math.Clamp(Math.Round(counts), -32000, 32000);
        _busCounts = (int)Math.Clamp(Math.Round(_busVolts() * BusVoltageScale / 0.004), 0, 8191);
        _conversionReady = true;
    }

    private ushort RegisterValue(int register)
    {
        if (Failure == I2cFailure.Frozen)
            return _frozen[register];
        ushort value = LiveRegisterValue(register);
        _frozen[register] = value;
        // Datasheet: reading the power register clears CNVR.
        if (register == 3)
            _conversionReady = false;
        return value;
    }

    /// <summary>Gaussian noise on the shunt input, in 10 µV steps: a live reading flickers.</summary>
    public double ShuntNoiseCounts { get; set; } = 0.7;

    /// <summary>Offset of the shunt amplifier, A (the datasheet allows up to ±100 µV).</summary>
    public double OffsetAmps { get; set; }

    /// <summary>Gain error of the shunt and the chip, as a fraction.</summary>
    public double GainError { get; set; }

    private readonly GaussianNoise _noise = new(17);

    private ushort LiveRegisterValue(int register)
    {
        switch (register)
        {
            case 1:
                return (ushort)_shuntCounts;
            case 2:
                // Bits 15-3 in 4 mV steps; CNVR (bit 1): a conversion completed since the last power read.
                return (ushort)((_busCounts << 3) | (_conversionReady ? 0x2 : 0));
            case 3:
                // Power = current register × bus register (4 mV counts) / 5000, per the datasheet.
                return (ushort)Math.Clamp(Math.Abs(CurrentRegister()) * _busCounts / 5000, 0, 65535);
            case 4:
                return (ushort)CurrentRegister();
            default:
                return _registers[register];
        }
    }

    /// <summary>Gain of the bus-voltage path (the board's divider); 1 when healthy, off when a divider resistor drifts.</summary>
    public double BusVoltageScale { get; set; } = 1;

    /// <summary>Current register: shunt × calibration / 4096, as the chip computes it (0 until calibrated).</summary>
    private short CurrentRegister()
    {
        long value = (long)_shuntCounts * _registers[5] / 4096;
        return (short)Math.Clamp(value, short.MinValue, short.MaxValue);
    }
}
