using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>
/// A scenario for every fault id. Each injects a step (a current, a temperature, a failure)
/// rather than a slow drift, so the moment the limit is crossed is the moment of injection and
/// the measured reaction is the firmware's alone. The capacity is 3 Ah; currents are in C-rates
/// of it so both chemistries' presets see the same multiples.
/// </summary>
public static class FaultScenarios
{
    private const double CapacityAh = 3;

    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        new()
        {
            Fault = FaultId.CellOverVoltage,
            Injection = "a full pack with aged cells takes a 0.8 C charge step that lifts them 10 mV past the maximum",
            Prepare = b =>
            {
                SetSoc(b, 1.0);
                AgeCells(b, b.Pack.Cells, Limit(b, FaultId.CellOverVoltage) + 10, 0.8 * CapacityAh);
            },
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(0.8 * CapacityAh),
        },
        new()
        {
            Fault = FaultId.CellUnderVoltage,
            Injection = "an empty pack with one aged cell takes a 2 C discharge step that pulls it 10 mV below the maximum",
            Prepare = b =>
            {
                SetSoc(b, 0.01);
                AgeCells(b, [b.Pack.Cells[1]], Limit(b, FaultId.CellUnderVoltage) - 10, -2 * CapacityAh);
            },
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(-2 * CapacityAh),
        },
        new()
        {
            Fault = FaultId.OverTemperature,
            Injection = "a cell under a thermistor steps to 2 °C above the discharge window",
            Inject = b => HeatSensedCell(b, Limit(b, FaultId.OverTemperature) + 2),
        },
        new()
        {
            Fault = FaultId.UnderTemperature,
            Injection = "a cell under a thermistor steps to 2 °C below the discharge window",
            Inject = b => HeatSensedCell(b, Limit(b, FaultId.UnderTemperature) - 2),
        },
        new()
        {
            Fault = FaultId.ChargeOverTemperature,
            Injection = "a warm pack (2 °C above the charge window) starts charging",
            Prepare = b => SetCelsius(b, Limit(b, FaultId.ChargeOverTemperature) + 2),
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(0.3 * CapacityAh),
        },
        new()
        {
            Fault = FaultId.ChargeUnderTemperature,
            Injection = "a cold pack (2 °C below the charge window) starts charging",
            Configure = c => c with { AmbientCelsius = -2 },
            Prepare = b => SetCelsius(b, Limit(b, FaultId.ChargeUnderTemperature) - 2),
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(0.3 * CapacityAh),
        },
        new()
        {
            Fault = FaultId.ChargeOverCurrent,
            Injection = "charge current steps to 5 % above the slow stage's maximum",
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(Limit(b, FaultId.ChargeOverCurrent) * 1.05),
        },
        new()
        {
            Fault = FaultId.DischargeOverCurrent,
            Injection = "discharge current steps to 5 % above the slow stage's maximum",
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(-Limit(b, FaultId.DischargeOverCurrent) * 1.05),
        },
        new()
        {
            Fault = FaultId.ChargeOverCurrentFast,
            Injection = "charge current steps to 5 % above the fast stage's maximum",
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(Limit(b, FaultId.ChargeOverCurrentFast) * 1.05),
        },
        new()
        {
            Fault = FaultId.DischargeOverCurrentFast,
            Injection = "discharge current steps to 5 % above the fast stage's maximum",
            Inject = b => b.Pack.Load = new ConstantCurrentLoad(-Limit(b, FaultId.DischargeOverCurrentFast) * 1.05),
        },
        new()
        {
            Fault = FaultId.ThermalRunaway,
            Injection = "a cell under a thermistor starts self-heating at about 2 °C/s",
            Inject = b => b.Pack.Cells[b.ThermistorAdc.CellOf(0)].ExtraHeatWatts = 100,
        },
        new()
        {
            Fault = FaultId.CurrentSensorLost,
            Injection = "the INA219 stops acknowledging its address",
            Inject = b => b.Ina219.Failure = I2cFailure.NoAcknowledge,
        },
        new()
        {
            Fault = FaultId.CellAdcLost,
            Injection = "the ADC channel of cell 2 stops converting",
            Inject = b => b.CellAdc.FailedChannels.Add(1),
        },
        new()
        {
            Fault = FaultId.ThermistorAdcLost,
            Injection = "the ADC channel of thermistor 1 stops converting",
            Inject = b => b.ThermistorAdc.FailedChannels.Add(0),
        },
        new()
        {
            Fault = FaultId.StoredFaultsUnreadable,
            Injection = "the stored fault blob is damaged before boot",
            Start = ScenarioStart.AtBoot,
            Inject = b => CorruptFaultBlob(b),
        },
        new()
        {
            Fault = FaultId.CellVoltageImplausible,
            Injection = "the tap of cell 3 shorts (the channel reads 0)",
            Inject = b => b.CellAdc.ForcedCounts[2] = 0,
        },
        new()
        {
            Fault = FaultId.ThermistorImplausible,
            Injection = "thermistor 2 goes open (the channel reads full scale)",
            Inject = b => b.ThermistorAdc.ForcedCounts[1] = ChannelCalibration.FullScaleCounts,
        },
        new()
        {
            Fault = FaultId.CurrentSensorStuck,
            Injection = "the INA219's result registers freeze while 0.5 C flows",
            Prepare = b => b.Pack.Load = new ConstantCurrentLoad(-0.5 * CapacityAh),
            Inject = b => b.Ina219.Failure = I2cFailure.Frozen,
        },
        new()
        {
            Fault = FaultId.PackVoltageMismatch,
            Injection = "the pack-voltage divider drifts 10 % low",
            Inject = b => b.Ina219.BusVoltageScale = 0.9,
        },
        new()
        {
            Fault = FaultId.PrechargeFailed,
            Injection = "the load side is shorted (1 Ω), so precharge cannot charge it",
            Start = ScenarioStart.CloseRequested,
            Inject = b => b.Pack.BleedOhms = 1,
        },
        new()
        {
            Fault = FaultId.ContactorWelded,
            Injection = "the main contacts weld while 0.5 C flows, then the contactor is commanded open",
            Prepare = b => b.Pack.Load = new ConstantCurrentLoad(-0.5 * CapacityAh),
            Inject = b =>
            {
                b.Pack.MainWelded = true;
                b.Firmware.OpenContactor();
            },
        },
        new()
        {
            Fault = FaultId.InternalError,
            Injection = "the cell ADC driver throws",
            Inject = b => b.CellAdc.ThrowOnRead = true,
        },
        new()
        {
            Fault = FaultId.CycleOverrun,
            Injection = "the control loop stalls for 5 periods (below the watchdog timeout)",
            Inject = b => Stall(b, 5),
        },
        new()
        {
            Fault = FaultId.SelfTestFailed,
            Injection = "a profile whose charge window reaches above the discharge window, so one trip test trips two faults",
            Start = ScenarioStart.AtBoot,
            Tune = p => SetLimit(p, FaultId.ChargeOverTemperature, Tier.Maximum, 65f),
            Inject = _ => { },
        },
        new()
        {
            Fault = FaultId.ConfigFallback,
            Injection = "the stored configuration slot is damaged before boot, so the defaults run",
            Start = ScenarioStart.AtBoot,
            Inject = b => CorruptConfigSlot(b),
        },
    ];

    private static void CorruptConfigSlot(SimBoard board)
    {
        board.Storage.Write(Config.ConfigStore.SlotA, [0x42, 0x4D, 0x53, 0x43, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16);
    }

    public static FaultScenario For(FaultId fault) => All.Single(s => s.Fault == fault);

    /// <summary>The maximum-tier limit of a fault in the board's profile.</summary>
    public static float Limit(SimBoard board, FaultId fault) =>
        board.Profile.Limits.Single(r => r.Fault == fault && r.Tier == Tier.Maximum).Limit;

    public static SimBoardConfig BaseConfig(Chemistry chemistry, int rateHz, int cells = 4, int thermistors = 2) => new()
    {
        Chemistry = chemistry,
        Cells = cells,
        Thermistors = thermistors,
        CapacityAh = CapacityAh,
        SampleRateHz = rateHz,
        Seed = 11,
    };

    private static void SetSoc(SimBoard board, double soc)
    {
        foreach (var cell in board.Pack.Cells)
            cell.Soc = soc;
    }

    private static void SetCelsius(SimBoard board, double celsius)
    {
        board.Pack.AmbientCelsius = celsius;
        foreach (var cell in board.Pack.Cells)
            cell.Celsius = celsius;
    }

    private static void HeatSensedCell(SimBoard board, double celsius) =>
        board.Pack.Cells[board.ThermistorAdc.CellOf(0)].Celsius = celsius;

    /// <summary>Raises the cells' resistance so the given current puts each exactly at the target voltage (mV).</summary>
    private static void AgeCells(SimBoard board, IEnumerable<CellModel> cells, double targetMillivolts, double amps)
    {
        foreach (var cell in cells)
        {
            double dropVolts = targetMillivolts / 1000.0 - board.Pack.Ocv.Volts(cell.Soc);
            cell.Resistance25Ohms *= dropVolts / amps / cell.ResistanceOhms;
        }
    }

    private static void CorruptFaultBlob(SimBoard board)
    {
        board.Storage.Write(Protection.FaultStore.BlobName, [2, 1, 1, 2, 3], 5);
    }

    private static void Stall(SimBoard board, int periods)
    {
        board.FirmwareHung = true;
        for (int i = 0; i < periods; i++)
            board.Step();
        board.FirmwareHung = false;
    }

    private static void SetLimit(PackProfile profile, FaultId fault, Tier tier, float limit)
    {
        for (int i = 0; i < profile.Limits.Length; i++)
        {
            var r = profile.Limits[i];
            if (r.Fault == fault && r.Tier == tier)
                profile.Limits[i] = new LimitRule(r.Fault, r.Quantity, r.Tier, limit, r.Hysteresis, r.DebounceMs);
        }
    }
}
