using System.Globalization;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>A fault injected at its time, optionally undone after a duration.</summary>
public sealed record FaultInjection : TimelineEntry
{
    public required FaultKind Kind { get; init; }

    /// <summary>The kind's numeric parameters by their file names; cells, sensors and channels are 1-based as in the file.</summary>
    public required IReadOnlyDictionary<string, double> Numbers { get; init; }

    /// <summary>Which converter, for the ADC kinds: cells, thermistors or current.</summary>
    public string? Adc { get; init; }

    public int Index(string name) => (int)Numbers[name] - 1;

    public double Number(string name) => Numbers[name];

    public override Action? Apply(SimBoard board)
    {
        board.Inject(Kind.Name, Describe(), () => { });
        return Kind.Apply(this, board);
    }

    public override string Describe()
    {
        var parts = new List<string>();
        if (Adc != null)
            parts.Add($"adc {Adc}");
        parts.AddRange(Numbers.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.###}")));
        if (DurationMs is long ms)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"for {ms / 1000.0:0.###} s"));
        return parts.Count == 0 ? Kind.Name : $"{Kind.Name} ({string.Join(", ", parts)})";
    }
}
