using System.Globalization;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>Something a scenario must show. Observe sees the board after every step; Check judges at the end (null: met).</summary>
public abstract record Expectation
{
    /// <summary>Where in the file it was declared (a JSON path), for the report.</summary>
    public required string Path { get; init; }

    public abstract string Describe();

    public virtual void Observe(SimBoard board)
    {
    }

    /// <summary>Forgets what a previous run observed.</summary>
    public virtual void Reset()
    {
    }

    public abstract string? Check(ScenarioOutcome outcome);

    protected static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
}

/// <summary>A fault latches within a time of an event: a named timeline entry, or a quantity of the pack crossing a value.</summary>
public sealed record FaultWithin : Expectation
{
    public required FaultId Fault { get; init; }
    public required long WithinMs { get; init; }

    /// <summary>How much earlier than the event the fault may latch: a slow crossing is seen a little early or late through the sensors' error.</summary>
    public long EarlyMs { get; init; }

    /// <summary>A named timeline entry, or null when Crossing is given.</summary>
    public string? After { get; init; }

    public Crossing? Crossing { get; init; }

    /// <summary>It must be the first fault latched after the event: the firmware names the cause, not a consequence.</summary>
    public bool First { get; init; }

    private long _crossedMs = -1;
    private double _extreme = double.NaN;

    public override string Describe()
    {
        string early = EarlyMs > 0 ? $" (or up to {Ms(EarlyMs)} before)" : "";
        return $"{(First ? "first " : "")}{FaultNames.Name(Fault)} within {Ms(WithinMs)} after {(Crossing?.Describe() ?? $"\"{After}\"")}{early}";
    }

    public override void Reset()
    {
        _crossedMs = -1;
        _extreme = double.NaN;
    }

    public override void Observe(SimBoard board)
    {
        if (Crossing == null || _crossedMs >= 0)
            return;
        double value = Crossing.Measure(board);
        _extreme = double.IsNaN(_extreme) ? value : Crossing.Above ? Math.Max(_extreme, value) : Math.Min(_extreme, value);
        if (Crossing.IsBeyond(value))
            _crossedMs = board.NowMs;
    }

    public override string? Check(ScenarioOutcome outcome)
    {
        long eventMs;
        if (Crossing != null)
        {
            if (_crossedMs < 0)
                return $"{Crossing.Describe()} never happened ({Crossing.Quantity} reached {_extreme:0.####} at most); latched: {outcome.RaisedText()}";
            eventMs = _crossedMs;
        }
        else if (!outcome.EventMs.TryGetValue(After!, out eventMs))
        {
            return $"\"{After}\" never happened (the scenario ended first)";
        }

        var latched = outcome.Raised.Where(r => r.Fault == Fault && r.Ms >= eventMs - EarlyMs).Select(r => (long?)r.Ms).FirstOrDefault();
        if (latched == null)
            return $"{FaultNames.Name(Fault)} never latched after {ScenarioOutcome.Seconds(eventMs)}; latched: {outcome.RaisedText()}";
        if (First && outcome.Raised.FirstOrDefault(r => r.Ms >= eventMs - EarlyMs) is { Fault: var first, Ms: var firstMs } && first != Fault)
            return $"the first fault latched was {FaultNames.Name(first)} at {ScenarioOutcome.Seconds(firstMs)}, not {FaultNames.Name(Fault)}";
        long after = latched.Value - eventMs;
        if (after > WithinMs)
            return $"{FaultNames.Name(Fault)} latched {Ms(after)} after the event (at {ScenarioOutcome.Seconds(latched.Value)}), more than {Ms(WithinMs)}";
        return null;
    }

    /// <summary>The measured reaction, for the report, once checked.</summary>
    public string Reaction(ScenarioOutcome outcome)
    {
        long eventMs = Crossing != null ? _crossedMs : outcome.EventMs.GetValueOrDefault(After!, -1);
        var latched = outcome.Raised.FirstOrDefault(r => r.Fault == Fault && r.Ms >= eventMs - EarlyMs);
        return $"{FaultNames.Name(Fault)} {Ms(latched.Ms - eventMs)} after {(Crossing != null ? "the crossing" : After)}";
    }
}

/// <summary>A quantity of the pack model (the truth, not the firmware's view) going above or below a value.</summary>
public sealed record Crossing(string Quantity, bool Above, double Value)
{
    public static readonly string[] Quantities = ["maxCellVolts", "minCellVolts", "maxCelsius", "maxSensedCelsius", "minSensedCelsius", "packAmps", "packVolts"];

    public bool IsBeyond(double value) => Above ? value > Value : value < Value;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Quantity} {(Above ? "above" : "below")} {Value:0.####}");

    public double Measure(SimBoard board)
    {
        var pack = board.Pack;
        switch (Quantity)
        {
            case "maxCellVolts":
                return pack.MaxCellVolts;
            case "minCellVolts":
                return pack.MinCellVolts;
            case "packAmps":
                return pack.Amps;
            case "packVolts":
                return pack.PackVolts;
            case "maxCelsius":
                return pack.Cells.Max(c => c.Celsius);
            default:
                // The cells a thermistor sits on: what the firmware can see at best.
                double extreme = Quantity == "maxSensedCelsius" ? double.MinValue : double.MaxValue;
                for (int s = 0; s < board.ThermistorAdc.Sensors; s++)
                {
                    double celsius = pack.Cells[board.ThermistorAdc.CellOf(s)].Celsius;
                    extreme = Quantity == "maxSensedCelsius" ? Math.Max(extreme, celsius) : Math.Min(extreme, celsius);
                }

                return extreme;
        }
    }
}

/// <summary>No fault latches within a window.</summary>
public sealed record NoTrip : Expectation
{
    public required long FromMs { get; init; }
    public required long ToMs { get; init; }

    public override string Describe() => $"no trip from {ScenarioOutcome.Seconds(FromMs)} to {ScenarioOutcome.Seconds(ToMs)}";

    public override string? Check(ScenarioOutcome outcome)
    {
        var trips = outcome.Raised.Where(r => r.Ms >= FromMs && r.Ms <= ToMs).ToList();
        return trips.Count == 0
            ? null
            : $"tripped: {string.Join(", ", trips.Select(r => $"{FaultNames.Name(r.Fault)} at {ScenarioOutcome.Seconds(r.Ms)}"))}";
    }
}

/// <summary>The main contacts (the pack model's, whatever the firmware believes) are open or closed at a time.</summary>
public sealed record ContactorAt : Expectation
{
    public required bool Closed { get; init; }
    public required long AtMs { get; init; }

    private bool? _seenClosed;

    public override string Describe() => $"contactor {(Closed ? "closed" : "open")} at {ScenarioOutcome.Seconds(AtMs)}";

    public override void Reset() => _seenClosed = null;

    public override void Observe(SimBoard board)
    {
        if (_seenClosed == null && board.NowMs >= AtMs)
            _seenClosed = board.Pack.ContactorClosed;
    }

    public override string? Check(ScenarioOutcome outcome)
    {
        if (_seenClosed == null)
            return "the scenario ended before that time";
        return _seenClosed == Closed ? null : $"it was {(_seenClosed.Value ? "closed" : "open")}; latched: {outcome.RaisedText()}";
    }
}

/// <summary>Every cell's state of charge (the model's truth) is within a range at the end.</summary>
public sealed record SocAtEnd : Expectation
{
    public required double Min { get; init; }
    public required double Max { get; init; }

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"every cell's SoC from {Min:0.###} to {Max:0.###} at the end");

    public override string? Check(ScenarioOutcome outcome)
    {
        var cells = outcome.Board.Pack.Cells;
        double low = cells.Min(c => c.Soc), high = cells.Max(c => c.Soc);
        return low >= Min && high <= Max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the cells ended from {low:0.####} to {high:0.####}");
    }
}
