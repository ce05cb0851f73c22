using System.Globalization;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>From its time on, the charger or load behind the contactor is this one.</summary>
public sealed record LoadStep : TimelineEntry
{
    public static readonly string[] Kinds = ["rest", "constantCurrent", "cccv", "pulses", "driveCycle", "cycler"];

    public required string Kind { get; init; }

    /// <summary>The kind's parameters by their file names (amps, cellVolts, ...).</summary>
    public required IReadOnlyDictionary<string, double> Parameters { get; init; }

    /// <summary>The parameters each kind takes, all required.</summary>
    public static IReadOnlyList<string> ParametersOf(string kind) => kind switch
    {
        "constantCurrent" => ["amps"],
        "cccv" => ["amps", "cellVolts"],
        "pulses" => ["dischargeAmps", "chargeAmps", "pulseS", "restS"],
        "driveCycle" => ["peakAmps"],
        "cycler" => ["chargeAmps", "chargeCellVolts", "dischargeAmps", "cutoffCellVolts", "restS"],
        _ => [],
    };

    public IPackLoad Create()
    {
        double P(string name) => Parameters[name];
        return Kind switch
        {
            "constantCurrent" => new ConstantCurrentLoad(P("amps")),
            "cccv" => new CcCvCharger(P("amps"), P("cellVolts")),
            "pulses" => new PulseLoad(P("dischargeAmps"), P("chargeAmps"), P("pulseS"), P("restS")),
            "driveCycle" => new DriveCycleLoad(P("peakAmps")),
            "cycler" => new CyclerLoad(P("chargeAmps"), P("chargeCellVolts"), P("dischargeAmps"), P("cutoffCellVolts"), P("restS")),
            _ => new RestLoad(),
        };
    }

    public override Action? Apply(SimBoard board)
    {
        board.Pack.Load = Create();
        return null;
    }

    public override string Describe() =>
        Parameters.Count == 0
            ? $"load: {Kind}"
            : $"load: {Kind} " + string.Join(", ", Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.###}")));
}
