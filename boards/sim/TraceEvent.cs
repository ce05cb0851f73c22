namespace nanoFramework.BMS.Sim;

/// <summary>
/// One line of the trace: something that happened at a simulated time. Fields that do not apply
/// stay null and are left out of the JSON.
/// </summary>
public sealed record TraceEvent(long TMs, string Event)
{
    public string? Fault { get; init; }
    public int? Code { get; init; }
    public double? Value { get; init; }
    public int? Index { get; init; }
    public string? State { get; init; }
    public string? Detail { get; init; }
    public double? PackVolts { get; init; }
    public double? PackAmps { get; init; }
    public double? MinCellVolts { get; init; }
    public double? MaxCellVolts { get; init; }
    public double? MaxCelsius { get; init; }
    public double? Soc { get; init; }
}
