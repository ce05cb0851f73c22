using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Sim.Drivers;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Sim;

/// <summary>
/// The simulated board: the pack model, the peripherals in front of it, and the unchanged
/// firmware wired to them through its ports. Step advances everything by one sample period.
/// </summary>
public sealed class SimBoard
{
    private readonly bool[] _latchedBefore = new bool[FaultNames.MaxCode + 1];
    private bool _anyLatchedBefore;
    private ContactorState _contactorBefore;
    private long _nextSummaryMs;

    public SimBoard(SimBoardConfig config, PackProfile? profile = null, MemoryStorage? storage = null, IMqttTransport? mqtt = null, UplinkSettings? mqttSettings = null)
    {
        Config = config;
        Mqtt = mqtt;
        MqttSettings = mqttSettings;
        DefaultProfile = profile ?? config.Profile();
        Pack = new PackModel(config.Chemistry, config.Cells, config.CapacityAh, config.InitialSoc, config.Seed, config.Spread)
        {
            AmbientCelsius = config.AmbientCelsius,
        };
        foreach (var cell in Pack.Cells)
            cell.Celsius = config.AmbientCelsius;
        CellAdc = new SimCellAdc(Pack, config.Seed + 10);
        ThermistorAdc = new SimThermistorAdc(Pack, config.Thermistors, config.Seed + 20);
        Ina219 = new Ina219Model(config.ShuntOhms, () => Pack.Amps, () => Pack.PackVoltsAtStep / config.PackVoltsPerBusVolt);
        ContactorOutput = new SimOutput(on => Pack.MainCommanded = on);
        LinkAdc = new SimLinkAdc(Pack, config.Seed + 30);
        Watchdog = new SimWatchdog(() => Clock.NowMs, DefaultProfile.Safety.WatchdogTimeoutMs);
        PrechargeOutput = new SimOutput(on => Pack.PrechargeClosed = on);
        Uplink = new RecordingUplink(() => Clock.NowMs);
        Storage = storage ?? new MemoryStorage();
        DefaultProfile.CellCalibration = CellAdc.Calibrate();
        Ina219.Convert();
        Firmware = StartFirmware();
    }

    public SimBoardConfig Config { get; }
    /// <summary>The board's defaults: what a fresh controller runs until a configuration is saved.</summary>
    public PackProfile DefaultProfile { get; }

    /// <summary>The profile the firmware runs: the stored configuration's, else the defaults.</summary>
    public PackProfile Profile => Firmware?.Profile ?? DefaultProfile;

    /// <summary>The console PIN a fresh simulated board ships with (the label on a real one).</summary>
    public const string FactoryPin = "1234";
    public PackModel Pack { get; }
    public VirtualClock Clock { get; } = new();
    public SimCellAdc CellAdc { get; }
    public SimThermistorAdc ThermistorAdc { get; }
    public Ina219Model Ina219 { get; }
    public SimOutput ContactorOutput { get; }
    public SimOutput PrechargeOutput { get; }
    public SimLinkAdc LinkAdc { get; }
    public SimWatchdog Watchdog { get; }

    /// <summary>While set, the firmware's cycle does not run (a hung loop, for fault injection).</summary>
    public bool FirmwareHung { get; set; }

    /// <summary>Watchdog bites so far.</summary>
    public int WatchdogResets { get; private set; }
    public RecordingUplink Uplink { get; }
    public QueuedConsole Console { get; } = new();
    public MemoryStorage Storage { get; }
    public PackController Firmware { get; private set; }

    /// <summary>The MQTT session handed to the firmware, null for a board without a broker.</summary>
    public IMqttTransport? Mqtt { get; }
    public UplinkSettings? MqttSettings { get; }

    /// <summary>Every trace event, as it happens.</summary>
    public event Action<TraceEvent>? Trace;

    public long NowMs => Clock.NowMs;

    /// <summary>Restarts the firmware on the same board: a reset with the pack and storage as they are.</summary>
    public void Restart()
    {
        Firmware = StartFirmware();
        Emit(new TraceEvent(NowMs, "restart"));
    }

    /// <summary>Injects a fault into the pack or its peripherals now, and traces it.</summary>
    public void Inject(string name, string detail, Action apply)
    {
        apply();
        Emit(new TraceEvent(NowMs, "injected") { Fault = name, Detail = detail });
    }

    /// <summary>
    /// Clock jitter, for fault injection: each period varies uniformly by up to this many ms
    /// either way (a loop woken late by other tasks, a timer that drifts). 0: exact periods.
    /// </summary>
    public int PeriodJitterMs { get; set; }

    private readonly Random _jitter = new(7);

    /// <summary>One sample period: the physics advance, then the firmware runs one control cycle.</summary>
    public void Step()
    {
        int periodMs = Profile.PeriodMs;
        if (PeriodJitterMs > 0)
            periodMs = Math.Max(1, periodMs + _jitter.Next(-PeriodJitterMs, PeriodJitterMs + 1));
        Pack.Step(periodMs / 1000.0);
        Ina219.Convert();
        Clock.NowMs += periodMs;
        if (!FirmwareHung)
            Firmware.RunCycle();
        if (Watchdog.HasExpired)
            WatchdogBite();
        TraceChanges();
    }

    public void RunFor(long durationMs, Func<bool>? stop = null)
    {
        long end = NowMs + durationMs;
        while (NowMs < end && (stop == null || !stop()))
            Step();
    }

    /// <summary>What the ESP32 does when its watchdog bites: every output drops at reset, then the firmware boots again.</summary>
    private void WatchdogBite()
    {
        ContactorOutput.Write(false);
        PrechargeOutput.Write(false);
        WatchdogResets++;
        Emit(new TraceEvent(NowMs, "watchdog_reset") { Detail = $"not fed for more than {Watchdog.TimeoutMs} ms" });
        FirmwareHung = false;
        Watchdog.Rearm();
        Firmware = StartFirmware();
    }

    /// <summary>The current-sensor port the running firmware reads (a new binding instance per boot).</summary>
    public Ina219CurrentSensor CurrentSensor { get; private set; } = null!;

    private PackController StartFirmware()
    {
        CurrentSensor = new Ina219CurrentSensor(Ina219, (float)Config.ShuntOhms, Config.CurrentLsbAmps, (float)Config.PackVoltsPerBusVolt);
        var ports = new BoardPorts
        {
            Clock = Clock,
            CellInputs = CellAdc,
            ThermistorInputs = ThermistorAdc,
            CurrentSensor = CurrentSensor,
            LinkVoltageInput = LinkAdc,
            Watchdog = Watchdog,
            Contactor = ContactorOutput,
            Precharge = PrechargeOutput,
            Uplink = Uplink,
            Console = Console,
            Storage = Storage,
            Mqtt = Mqtt,
            MqttSettings = MqttSettings,
        };
        ports.FactoryPin = FactoryPin;
        ports.DeviceSerial = "sim-" + Config.Seed;
        var firmware = PackController.Boot(DefaultProfile, ports);
        Array.Clear(_latchedBefore);
        _anyLatchedBefore = true;
        _contactorBefore = ContactorState.Open;
        _nextSummaryMs = NowMs + 1000;
        TraceChanges(firmware);
        return firmware;
    }

    private void TraceChanges() => TraceChanges(Firmware);

    private void TraceChanges(PackController firmware)
    {
        FaultLatch latch = firmware.Faults;
        // Scanning every record each step is most of the tracing cost; with nothing latched
        // now and nothing before there is nothing to report.
        bool scan = latch.LatchedCount > 0 || _anyLatchedBefore;
        _anyLatchedBefore = latch.LatchedCount > 0;
        for (int code = 0; scan && code < latch.Capacity; code++)
        {
            FaultRecord record = latch.At(code);
            if (record.Latched == _latchedBefore[code])
                continue;
            _latchedBefore[code] = record.Latched;
            Emit(new TraceEvent(NowMs, record.Latched ? "fault_raised" : "fault_cleared")
            {
                Fault = FaultNames.Name(record.Id),
                Code = code,
                Value = record.Latched ? record.Value : null,
                Index = record.Latched ? record.Index : null,
                Detail = record.Detail,
            });
        }

        if (firmware.ContactorState != _contactorBefore)
        {
            _contactorBefore = firmware.ContactorState;
            Emit(new TraceEvent(NowMs, "contactor") { State = ContactorStateNames.Name(_contactorBefore) });
        }

        if (NowMs >= _nextSummaryMs)
        {
            _nextSummaryMs += 1000;
            // The summary costs a pass over the cells and an allocation: only for a listener.
            if (Trace != null)
                Emit(Summary());
        }
    }

    /// <summary>What the pack model (the truth, not the firmware's view) looks like now.</summary>
    public TraceEvent Summary()
    {
        double min = double.MaxValue, max = double.MinValue, hottest = double.MinValue, soc = 0;
        for (int i = 0; i < Pack.Cells.Length; i++)
        {
            double volts = Pack.CellVolts(i);
            min = Math.Min(min, volts);
            max = Math.Max(max, volts);
            hottest = Math.Max(hottest, Pack.Cells[i].Celsius);
            soc += Pack.Cells[i].Soc;
        }

        return new TraceEvent(NowMs, "sample")
        {
            PackVolts = Math.Round(Pack.PackVolts, 3),
            PackAmps = Math.Round(Pack.Amps, 3),
            MinCellVolts = Math.Round(min, 4),
            MaxCellVolts = Math.Round(max, 4),
            MaxCelsius = Math.Round(hottest, 2),
            Soc = Math.Round(soc / Pack.Cells.Length, 4),
            State = Pack.ContactorClosed ? "closed" : "open",
        };
    }

    private void Emit(TraceEvent e) => Trace?.Invoke(e);
}
