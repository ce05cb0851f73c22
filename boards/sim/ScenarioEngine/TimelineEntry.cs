namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>Something a scenario does at a time: connect a load, inject a fault, type a console line.</summary>
public abstract record TimelineEntry
{
    public required long AtMs { get; init; }

    /// <summary>A name expectations can refer to ("after": NAME); null when none was given.</summary>
    public string? Name { get; init; }

    /// <summary>Where in the file it was declared (a JSON path), for messages.</summary>
    public required string Path { get; init; }

    /// <summary>Does it now; returns what undoes it when a duration ends, or null.</summary>
    public abstract Action? Apply(SimBoard board);

    /// <summary>How long it lasts before it is undone, or null for a lasting change.</summary>
    public long? DurationMs { get; init; }

    public abstract string Describe();
}

/// <summary>Types a line at the technician console.</summary>
public sealed record ConsoleLine : TimelineEntry
{
    public required string Line { get; init; }

    public override Action? Apply(SimBoard board)
    {
        board.Console.Type(Line);
        return null;
    }

    public override string Describe() => $"console: {Line}";
}
