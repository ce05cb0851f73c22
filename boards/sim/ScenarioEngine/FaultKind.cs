using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>Whether a fault kind takes a duration after which it is undone.</summary>
public enum DurationRule
{
    Allowed,
    Required,
    Forbidden,
}

/// <summary>What a numeric parameter of a fault counts, so the reader can check it against the pack.</summary>
public enum ParameterKind
{
    /// <summary>A cell, 1 to the pack's cells.</summary>
    Cell,

    /// <summary>A thermistor, 1 to the pack's thermistors.</summary>
    Sensor,

    /// <summary>A channel of the fault's ADC (cells or thermistors), 1-based.</summary>
    Channel,

    /// <summary>A plain number within the parameter's range.</summary>
    Number,
}

public sealed record FaultParameter(string Name, ParameterKind Kind, double Min = 0, double Max = 0);

/// <summary>
/// One kind of fault a scenario can inject: its parameters and what it does to the board. The
/// undo it returns puts the board back when a duration ends (a transient fault).
/// </summary>
public sealed record FaultKind(string Name, string Meaning, DurationRule Duration, IReadOnlyList<FaultParameter> Parameters, Func<FaultInjection, SimBoard, Action?> Apply)
{
    /// <summary>Which converters the ADC kinds accept; empty for the others.</summary>
    public IReadOnlyList<string> Adcs { get; init; } = [];

    private static readonly FaultParameter Cell = new("cell", ParameterKind.Cell);
    private static readonly FaultParameter Sensor = new("sensor", ParameterKind.Sensor);
    private static readonly FaultParameter Channel = new("channel", ParameterKind.Channel);

    public static IReadOnlyList<FaultKind> All { get; } =
    [
        new("cellTapOpen", "the sense wire of a cell breaks: its channel reads full scale", DurationRule.Allowed, [Cell],
            (f, b) => Force(b.CellAdc.ForcedCounts, f.Index("cell"), ChannelCalibration.FullScaleCounts)),
        new("cellTapShorted", "a cell's sense inputs short together: its channel reads 0", DurationRule.Allowed, [Cell],
            (f, b) => Force(b.CellAdc.ForcedCounts, f.Index("cell"), 0)),
        new("thermistorOpen", "an NTC or its wire breaks: the pull-up takes the channel to full scale", DurationRule.Allowed, [Sensor],
            (f, b) => Force(b.ThermistorAdc.ForcedCounts, f.Index("sensor"), ChannelCalibration.FullScaleCounts)),
        new("thermistorShorted", "an NTC shorts to ground: its channel reads 0", DurationRule.Allowed, [Sensor],
            (f, b) => Force(b.ThermistorAdc.ForcedCounts, f.Index("sensor"), 0)),
        new("adcNoiseBurst", "interference: the noise of one converter rises to the given counts (standard deviation) for the duration", DurationRule.Required,
            [new("counts", ParameterKind.Number, 0, 4095)], NoiseBurst) { Adcs = ["cells", "thermistors", "current"] },
        new("adcChannelStuck", "a converter channel keeps returning its last conversion", DurationRule.Allowed, [Channel], Stuck) { Adcs = ["cells", "thermistors"] },
        new("adcChannelFailed", "a converter channel stops converting (the driver reports a failed conversion)", DurationRule.Allowed, [Channel], Failed) { Adcs = ["cells", "thermistors"] },
        new("adcDriverThrows", "the cell ADC driver throws an exception into the control cycle", DurationRule.Allowed, [],
            (_, b) => Set(() => b.CellAdc.ThrowOnRead = true, () => b.CellAdc.ThrowOnRead = false)),
        new("i2cNoAcknowledge", "the INA219 stops acknowledging its address", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.NoAcknowledge)),
        new("i2cTimeout", "transfers with the INA219 time out", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.Timeout)),
        new("i2cShortRead", "reads from the INA219 return fewer bytes than asked", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.ShortRead)),
        new("i2cStuckBus", "a device holds SDA low: the bus stays busy and recovery fails", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.StuckBus)),
        new("currentSensorFrozen", "the INA219 answers, but its result registers freeze (conversion-ready bit included)", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.Frozen)),
        new("currentSensorStale", "the INA219 answers, but stops converting: stale results, conversion-ready bit clear", DurationRule.Allowed, [], (_, b) => Bus(b, I2cFailure.ConversionsStopped)),
        new("packVoltageDividerDrift", "the divider in front of the INA219's bus input drifts: the pack voltage reads times the scale", DurationRule.Allowed,
            [new("scale", ParameterKind.Number, 0, 2)],
            (f, b) => Set(() => b.Ina219.BusVoltageScale = f.Number("scale"), () => b.Ina219.BusVoltageScale = 1)),
        new("contactorWelded", "the main contacts weld shut: they stay closed whatever the coil does", DurationRule.Allowed, [],
            (_, b) => Set(() => b.Pack.MainWelded = true, () => b.Pack.MainWelded = false)),
        new("loadSideShort", "the load side is shorted through the given resistance, so precharge cannot charge it", DurationRule.Allowed,
            [new("ohms", ParameterKind.Number, 0.001, 1e6)], LoadSideShort),
        new("hotCell", "heat from outside the cell (a loose busbar, a failed fan) flows into it at the given power", DurationRule.Allowed,
            [Cell, new("watts", ParameterKind.Number, 0, 10000)],
            (f, b) => Set(() => b.Pack.Cells[f.Index("cell")].ExtraHeatWatts = f.Number("watts"), () => b.Pack.Cells[f.Index("cell")].ExtraHeatWatts = 0)),
        new("cellTemperature", "a cell's temperature steps to the given value at once (for reaction times from a known moment)", DurationRule.Forbidden,
            [Cell, new("celsius", ParameterKind.Number, -60, 400)],
            (f, b) => Set(() => b.Pack.Cells[f.Index("cell")].Celsius = f.Number("celsius"), null)),
        new("thermalRunaway", "an internal short of the given resistance starts inside a cell; past its onset the cell's decomposition takes over", DurationRule.Forbidden,
            [Cell, new("shortOhms", ParameterKind.Number, 0.001, 1000)],
            (f, b) => Set(() => b.Pack.Cells[f.Index("cell")].InternalShortOhms = f.Number("shortOhms"), null)),
        new("ambient", "the ambient temperature steps to the given value", DurationRule.Allowed,
            [new("celsius", ParameterKind.Number, -60, 100)], Ambient),
        new("clockJitter", "every control period varies by up to the given ms either way", DurationRule.Allowed,
            [new("jitterMs", ParameterKind.Number, 0, 1000)],
            (f, b) => Set(() => b.PeriodJitterMs = (int)f.Number("jitterMs"), () => b.PeriodJitterMs = 0)),
        new("firmwareStall", "the control loop stops running for the duration (a blocking call, a hung task)", DurationRule.Required, [],
            (_, b) => Set(() => b.FirmwareHung = true, () => b.FirmwareHung = false)),
        new("storedFaultsCorrupted", "the stored fault record is damaged in flash (seen at the next boot)", DurationRule.Forbidden, [],
            (_, b) => Set(() => b.Storage.Write(FaultStore.BlobName, [2, 1, 1, 2, 3], 5), null)),
        new("configCorrupted", "the stored configuration's slot A is damaged in flash (seen at the next boot)", DurationRule.Forbidden, [],
            (_, b) => Set(() => b.Storage.Write(nanoFramework.BMS.Config.ConfigStore.SlotA, [0x42, 0x4D, 0x53, 0x43, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16), null)),
        new("controllerReset", "the controller resets (a brown-out) and boots the firmware again, with the pack as it is", DurationRule.Forbidden, [],
            (_, b) => Set(b.Restart, null)),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToArray();

    public static FaultKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    private static Action? Set(Action apply, Action? undo)
    {
        apply();
        return undo;
    }

    private static Action Force(Dictionary<int, int> forced, int channel, int counts)
    {
        forced[channel] = counts;
        return () => forced.Remove(channel);
    }

    private static Action Bus(SimBoard board, I2cFailure failure)
    {
        board.Ina219.Failure = failure;
        return () => board.Ina219.Failure = I2cFailure.None;
    }

    private static Action NoiseBurst(FaultInjection f, SimBoard b)
    {
        double counts = f.Number("counts");
        switch (f.Adc)
        {
            case "cells":
                double cells = b.CellAdc.NoiseCounts;
                b.CellAdc.NoiseCounts = counts;
                return () => b.CellAdc.NoiseCounts = cells;
            case "thermistors":
                double thermistors = b.ThermistorAdc.NoiseCounts;
                b.ThermistorAdc.NoiseCounts = counts;
                return () => b.ThermistorAdc.NoiseCounts = thermistors;
            default:
                double shunt = b.Ina219.ShuntNoiseCounts;
                b.Ina219.ShuntNoiseCounts = counts;
                return () => b.Ina219.ShuntNoiseCounts = shunt;
        }
    }

    private static Action Stuck(FaultInjection f, SimBoard b)
    {
        int channel = f.Index("channel");
        if (f.Adc == "cells")
        {
            b.CellAdc.Stick(channel);
            return () => b.CellAdc.ForcedCounts.Remove(channel);
        }

        b.ThermistorAdc.Stick(channel);
        return () => b.ThermistorAdc.ForcedCounts.Remove(channel);
    }

    private static Action Failed(FaultInjection f, SimBoard b)
    {
        var failed = f.Adc == "cells" ? b.CellAdc.FailedChannels : b.ThermistorAdc.FailedChannels;
        int channel = f.Index("channel");
        failed.Add(channel);
        return () => failed.Remove(channel);
    }

    private static Action LoadSideShort(FaultInjection f, SimBoard b)
    {
        double before = b.Pack.BleedOhms;
        b.Pack.BleedOhms = f.Number("ohms");
        return () => b.Pack.BleedOhms = before;
    }

    private static Action Ambient(FaultInjection f, SimBoard b)
    {
        double before = b.Pack.AmbientCelsius;
        b.Pack.AmbientCelsius = f.Number("celsius");
        return () => b.Pack.AmbientCelsius = before;
    }
}
