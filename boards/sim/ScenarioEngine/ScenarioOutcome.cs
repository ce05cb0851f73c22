using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>A fault the firmware latched, at the scenario time it was seen.</summary>
public readonly record struct RaisedFault(long Ms, FaultId Fault);

/// <summary>What a scenario run saw: the faults latched, when each named entry happened, and the board at the end.</summary>
public sealed class ScenarioOutcome(SimBoard board)
{
    public SimBoard Board { get; } = board;

    public List<RaisedFault> Raised { get; } = [];

    /// <summary>When each named timeline entry was applied, ms ("start" is 0).</summary>
    public Dictionary<string, long> EventMs { get; } = new() { ["start"] = 0 };

    /// <summary>A problem that kept the scenario from running as written (the contactor refused to close at boot).</summary>
    public List<string> Problems { get; } = [];

    public string RaisedText() =>
        Raised.Count == 0 ? "none" : string.Join(", ", Raised.Select(r => $"{FaultNames.Name(r.Fault)} at {Seconds(r.Ms)}"));

    public static string Seconds(long ms) => (ms / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
