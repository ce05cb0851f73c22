using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Sim.Estimation;

/// <summary>One benchmark run: the pack, its sensor errors and how wrong the firmware starts.</summary>
public sealed record SocBenchmarkCase
{
    public string Name { get; init; } = "";
    public Chemistry Chemistry { get; init; } = Chemistry.Nmc;
    public int Cells { get; init; } = 16;
    public int SampleRateHz { get; init; } = 10;
    public double NominalAh { get; init; } = 3.0;

    /// <summary>Mean true capacity over nominal (1: a new pack; 0.88: an aged one).</summary>
    public double CapacityFactor { get; init; } = 1.0;

    /// <summary>Each cell's capacity is drawn uniformly within this fraction of the mean.</summary>
    public double CapacitySpread { get; init; } = 0.05;

    /// <summary>Series resistance of a cell at 25 °C, Ω.</summary>

    public double InitialSoc { get; init; } = 0.6;

    /// <summary>What the stored estimate is off by at boot (+0.30: it says 30 % more).</summary>
    public double InitialError { get; init; } = 0.30;

    public double GainError { get; init; } = 0.01;
    public double OffsetAmps { get; init; } = 0.02;
    public int Seed { get; init; } = 7;

    /// <summary>Each cell channel's calibration is off by up to this much (uniform, ±), mV: an imperfect end-of-line calibration.</summary>
    public double CalibrationErrorMillivolts { get; init; }

    /// <summary>
    /// The firmware's configured slow RC branch (estimation.r2_mohm) over its default, which is
    /// the simulated cells' own (docs/simulation.md's assumption): 1 measures no error of it.
    /// </summary>
    public double SlowBranchFactor { get; init; } = 1.0;

    /// <summary>Seconds after boot before errors count.</summary>
    public int ConvergenceSeconds { get; init; } = 600;

    public static SocBenchmarkCase Nmc => new() { Name = "NMC", Chemistry = Chemistry.Nmc, InitialSoc = 0.6, InitialError = 0.30 };

    /// <summary>
    /// LFP starts low, where its curve is steep (9 %, told 39 %): on the plateau no voltage
    /// reading can say where the charge is, so a wrong start there stays wrong until the pack
    /// next reaches either end (FlatLfp shows it).
    /// </summary>
    public static SocBenchmarkCase Lfp => new() { Name = "LFP", Chemistry = Chemistry.Lfp, InitialSoc = 0.09, InitialError = 0.30 };

    public static SocBenchmarkCase FlatLfp => Lfp with { Name = "LFP, wrong start on the plateau", InitialSoc = 0.6 };

    public static SocBenchmarkCase AgedNmc => Nmc with { Name = "NMC, aged to 88 %", CapacityFactor = 0.88 };

    public static SocBenchmarkCase AgedLfp => Lfp with { Name = "LFP, aged to 88 %", CapacityFactor = 0.88 };

    public static SocBenchmarkCase MiscalibratedNmc => Nmc with { Name = "NMC, cell channels off by up to 5 mV", CalibrationErrorMillivolts = 5 };

    public static SocBenchmarkCase MiscalibratedLfp => Lfp with { Name = "LFP, cell channels off by up to 5 mV", CalibrationErrorMillivolts = 5 };

    /// <summary>A site that got the slow branch wrong: r2_mohm at half the cells' true value.</summary>
    public static SocBenchmarkCase MisconfiguredNmc => Nmc with { Name = "NMC, slow RC branch set at half its size", SlowBranchFactor = 0.5 };

    public static SocBenchmarkCase MisconfiguredLfp => Lfp with { Name = "LFP, slow RC branch set at half its size", SlowBranchFactor = 0.5 };

    public static SocBenchmarkCase[] Standard => [Nmc, Lfp, FlatLfp, AgedNmc, AgedLfp, MiscalibratedNmc, MiscalibratedLfp, MisconfiguredNmc, MisconfiguredLfp];
}

/// <summary>RMSE and maximum absolute error, as fractions.</summary>
public sealed record ErrorStat(double Rmse, double Max)
{
    public static ErrorStat Of(List<double> errors) => errors.Count == 0
        ? new ErrorStat(double.NaN, double.NaN)
        : new ErrorStat(Math.Sqrt(errors.Sum(e => e * e) / errors.Count), errors.Max(Math.Abs));
}

public sealed record SocBenchmarkResult(
    SocBenchmarkCase Case,
    double Hours,
    ErrorStat Pack,
    ErrorStat Weakest,
    ErrorStat Strongest,
    ErrorStat CoulombCounting,
    ErrorStat CoulombCountingFromTruth,
    double TrueCapacityAh,
    double CapacityAfterCycleAh,
    double CapacityAtEndAh,
    double TrueResistanceOhms,
    double ResistanceOhms,
    double TrueR1Ohms,
    double R1Ohms,
    double TrueR2Ohms,
    double R2Ohms,
    int R2Measurements,
    double LearnedOffsetAmps,
    int Faults,
    List<string> Phases)
{
    public double CapacityErrorAfterCycle => CapacityAfterCycleAh / TrueCapacityAh - 1;
    public double CapacityErrorAtEnd => CapacityAtEndAh / TrueCapacityAh - 1;
}

/// <summary>
/// Runs the firmware on the simulated board through dynamic profiles, against the pack model's
/// ground truth, with realistic sensor errors, and scores its state of charge beside plain
/// coulomb counting on the same current readings (docs/estimation.md). Virtual time, so the
/// same case always gives the same numbers.
/// </summary>
public sealed class SocBenchmark
{
    private readonly SocBenchmarkCase _case;
    private readonly SimBoard _board;
    private readonly List<double> _pack = [];
    private readonly List<double> _weakest = [];
    private readonly List<double> _strongest = [];
    private readonly List<double> _coulomb = [];
    private readonly List<double> _coulombFromTruth = [];
    private readonly List<string> _phases = [];
    private double _coulombSoc;
    private double _coulombFromTruthSoc;
    private long _nextRecordMs;

    public SocBenchmark(SocBenchmarkCase c)
    {
        _case = c;
        var config = new SimBoardConfig
        {
            Chemistry = c.Chemistry,
            Cells = c.Cells,
            Thermistors = 2,
            SampleRateHz = c.SampleRateHz,
            CapacityAh = c.NominalAh,
            InitialSoc = c.InitialSoc,
            Seed = c.Seed,
        };

        // The firmware's stored estimate from an earlier life: the defaults, and a state of
        // charge that is wrong.
        var storage = new MemoryStorage();
        PackProfile profile = config.Profile();
        profile.Estimation.R2Milliohms *= (float)c.SlowBranchFactor;
        WriteStoredEstimate(storage, profile, Math.Clamp(c.InitialSoc + c.InitialError, 0, 1));
        _board = new SimBoard(config, profile, storage);

        var random = new Random(c.Seed + 100);
        foreach (var cell in _board.Pack.Cells)
            cell.CapacityAh = c.NominalAh * c.CapacityFactor * (1 + c.CapacitySpread * (2 * random.NextDouble() - 1));
        foreach (var calibration in _board.Profile.CellCalibration)
            calibration.OffsetMillivolts += (float)(c.CalibrationErrorMillivolts * (2 * random.NextDouble() - 1));
        _board.Ina219.GainError = c.GainError;
        _board.Ina219.OffsetAmps = c.OffsetAmps;
        _coulombSoc = Math.Clamp(c.InitialSoc + c.InitialError, 0, 1);
        _coulombFromTruthSoc = c.InitialSoc;
    }

    public SimBoard Board => _board;

    /// <summary>When set, one CSV line a second: time, truth and estimates (see CsvHeader).</summary>
    public TextWriter? Csv { get; set; }

    public const string CsvHeader = "t_s,true_soc,soc,true_min_soc,soc_min,true_max_soc,soc_max,amps,v1_mv,r0_mohm,r1_mohm,soc_variance,innovation_mv,coulomb_soc";

    public static void WriteStoredEstimate(MemoryStorage storage, PackProfile profile, double soc)
    {
        var store = new EstimateStore(storage);
        float[] v = store.Values;
        v[EstimateStore.SocPack] = (float)soc;
        v[EstimateStore.SocMin] = (float)soc;
        v[EstimateStore.SocMax] = (float)soc;
        v[EstimateStore.CapacityAh] = profile.CapacityAh;
        v[EstimateStore.CapacityVariance] = 0.01f * profile.CapacityAh * profile.CapacityAh;
        v[EstimateStore.R0Ohms] = profile.Estimation.R0Milliohms / 1000f;
        v[EstimateStore.R1Ohms] = profile.Estimation.R1Milliohms / 1000f;
        v[EstimateStore.AnchorSoc] = -1f;
        store.SaveNow();
    }

    public SocBenchmarkResult Run()
    {
        var c = _case;
        double capacity = c.NominalAh;
        bool lfp = c.Chemistry == Chemistry.Lfp;
        double chargeVolts = lfp ? 3.45 : 4.18;
        double driveCutoff = lfp ? 3.00 : 3.30;
        double pulseCutoff = lfp ? 2.95 : 3.15;
        var rest = TimeSpan.FromMinutes(lfp ? 45 : 30);

        // Boot with the contactor open for a minute (the offset is learned), then close.
        Phase("open at boot", new RestLoad(), TimeSpan.FromMinutes(1), null);
        if (_board.Firmware.RequestClose() is { } refusal)
            throw new InvalidOperationException("the firmware refused to close: " + refusal);
        Phase("drive cycle to empty", new DriveCycleLoad(2 * capacity), TimeSpan.FromHours(4), () => MinTerminal() <= driveCutoff);
        Phase("rest", new RestLoad(), rest, null);
        Phase("CC-CV charge at 0.5 C", new CcCvCharger(0.5 * capacity, chargeVolts), TimeSpan.FromHours(4), () => _board.Pack.Amps > 0 && _board.Pack.Amps < capacity / 20);
        Phase("rest at full", new RestLoad(), rest, null);
        Phase("pulses to empty", new PulseLoad(1.5 * capacity, 0.75 * capacity, 10, 40), TimeSpan.FromHours(4), () => MinTerminal() <= pulseCutoff);
        Phase("rest at empty", new RestLoad(), rest, null);
        double capacityAfterCycle = _board.Firmware.Estimator.Capacity.CapacityAh;
        Phase("CC-CV charge at 0.5 C", new CcCvCharger(0.5 * capacity, chargeVolts), TimeSpan.FromHours(4), () => _board.Pack.Amps > 0 && _board.Pack.Amps < capacity / 20);
        Phase("rest at full", new RestLoad(), rest, null);
        Phase("drive cycle for an hour", new DriveCycleLoad(2 * capacity), TimeSpan.FromHours(1), () => MinTerminal() <= driveCutoff);

        var estimator = _board.Firmware.Estimator;
        double trueCapacity = _board.Pack.Cells.Length / _board.Pack.Cells.Sum(cell => 1 / cell.CapacityAh);
        return new SocBenchmarkResult(c, _board.NowMs / 3_600_000.0,
            ErrorStat.Of(_pack), ErrorStat.Of(_weakest), ErrorStat.Of(_strongest), ErrorStat.Of(_coulomb), ErrorStat.Of(_coulombFromTruth),
            trueCapacity, capacityAfterCycle, estimator.Capacity.CapacityAh,
            _board.Pack.Cells.Average(cell => cell.Resistance25Ohms), estimator.ResistanceOhms,
            _board.Pack.Cells.Average(cell => cell.R1At25Ohms), estimator.Resistances.R1,
            _board.Pack.Cells.Average(cell => cell.R2At25Ohms), estimator.SlowOhms, estimator.SlowMeasurements, estimator.Counter.OffsetAmps,
            _board.Firmware.Faults.LatchedCount, _phases);
    }

    private double MinTerminal()
    {
        double min = double.MaxValue;
        for (int i = 0; i < _board.Pack.Cells.Length; i++)
            min = Math.Min(min, _board.Pack.CellVolts(i));
        return min;
    }

    private void Phase(string name, IPackLoad load, TimeSpan longest, Func<bool>? done)
    {
        _board.Pack.Load = load;
        long start = _board.NowMs;
        long end = start + (long)longest.TotalMilliseconds;
        // Let the load start before its end condition counts (a charger starts at zero).
        long earliestDone = start + 10_000;
        while (_board.NowMs < end && !(done != null && _board.NowMs >= earliestDone && done()))
            Step();
        var capacity = _board.Firmware.Estimator.Capacity;
        _phases.Add($"{name}: {(_board.NowMs - start) / 60000.0:F0} min, ends at {TrueSoc() * 100:F1} % (estimate {_board.Firmware.Estimator.Soc * 100:F1} %), capacity {capacity.CapacityAh:F3} Ah after {capacity.Measurements} measurement(s), last {capacity.LastMeasuredAh:F3} Ah");
    }

    private double TrueSoc() => _board.Pack.Cells.Average(cell => cell.Soc);

    private void Step()
    {
        _board.Step();
        var sample = _board.Firmware.Sample;
        double seconds = _board.Profile.PeriodMs / 1000.0;
        if (sample.CurrentValid)
        {
            double moved = sample.PackAmps * seconds / 3600 / _case.NominalAh;
            _coulombSoc += moved;
            _coulombFromTruthSoc += moved;
        }

        if (_board.NowMs < _nextRecordMs)
            return;
        _nextRecordMs = _board.NowMs + 1000;
        if (_board.NowMs < _case.ConvergenceSeconds * 1000L)
            return;
        var cells = _board.Pack.Cells;
        var estimator = _board.Firmware.Estimator;
        double truth = TrueSoc();
        Csv?.WriteLine(FormattableString.Invariant(
            $"{_board.NowMs / 1000},{truth:F4},{estimator.Soc:F4},{cells.Min(cell => cell.Soc):F4},{estimator.SocMin:F4},{cells.Max(cell => cell.Soc):F4},{estimator.SocMax:F4},{_board.Pack.Amps:F3},{estimator.PackFilter.RcVolts * 1000:F2},{estimator.Resistances.R0 * 1000:F2},{estimator.Resistances.R1 * 1000:F2},{estimator.PackFilter.P00:E2},{estimator.PackFilter.Innovation * 1000:F2},{_coulombSoc:F4}"));
        _pack.Add(estimator.Soc - truth);
        _weakest.Add(estimator.SocMin - cells.Min(cell => cell.Soc));
        _strongest.Add(estimator.SocMax - cells.Max(cell => cell.Soc));
        _coulomb.Add(Math.Clamp(_coulombSoc, 0, 1) - truth);
        _coulombFromTruth.Add(Math.Clamp(_coulombFromTruthSoc, 0, 1) - truth);
    }
}
