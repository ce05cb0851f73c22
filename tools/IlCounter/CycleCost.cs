namespace nanoFramework.BMS.IlCounter;

/// <summary>Mean and extremes of one quantity over a set of cycles.</summary>
public readonly record struct Stat(double Mean, long Min, long Max)
{
    public static Stat Of(IReadOnlyCollection<long> values) =>
        values.Count == 0 ? default : new Stat(values.Average(), values.Min(), values.Max());
}

/// <summary>One firmware method's share of a set of cycles.</summary>
public sealed record MethodCost(string Method, double CallsPerCycle, double SelfPerCycle, double InclusivePerCall);

/// <summary>A call target outside the firmware (port, mscorlib) and how often a cycle calls it.</summary>
public sealed record CallOutCost(string Target, double PerCycle);

/// <summary>
/// What one profile costs, split like the budget: the steady-state control cycle (every cycle that
/// did not publish telemetry), and the once-per-second work (PackController.PublishTelemetry,
/// inclusive: encoding the batch and handing it to the uplink) in the cycle that publishes.
/// </summary>
public sealed record CycleCost(
    MeasuredProfile Profile,
    string FirmwareConfiguration,
    int WarmUpCycles,
    int MeasuredCycles,
    int SteadyCycles,
    int TelemetryCycles,
    Stat SteadyInstructions,
    Stat SteadyCalls,
    Stat SteadyCallsOut,
    long SteadyAllocatedBytes,
    Stat ControlInstructions,
    Stat PublishInstructions,
    Stat TelemetryCycleInstructions,
    long TelemetryAllocatedBytes,
    double InstructionsPerCycleOverall,
    IReadOnlyList<MethodCost> SteadyMethods,
    IReadOnlyList<MethodCost> TelemetryMethods,
    IReadOnlyList<CallOutCost> SteadyCallsOutByTarget)
{
    /// <summary>The once-per-second work spread over the cycles of that second.</summary>
    public double PublishInstructionsAmortised => PublishInstructions.Mean * TelemetryCycles / MeasuredCycles;
}
