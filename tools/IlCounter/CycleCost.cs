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
/// The MQTT uplink thread's side (MqttUplink.Service, one pass every UplinkSettings.LoopSleepMs):
/// the passes that published a telemetry message and the idle ones, which found nothing to send.
/// </summary>
public sealed record UplinkCost(
    int PassMs,
    int Passes,
    int PublishPasses,
    Stat PublishPassInstructions,
    Stat IdlePassInstructions,
    long AllocatedBytes,
    double InstructionsPerSecond,
    IReadOnlyList<MethodCost> PublishPassMethods);

/// <summary>
/// What one profile costs, split like the budget: the steady-state control cycle (every cycle
/// without the once-per-second telemetry work), the control work of every cycle, and one second of
/// telemetry: TelemetryProducer.Emit in the cycle (encoding the message into the ring), plus, on
/// the MQTT board, the uplink thread's pass that publishes it (Uplink); on the board with the local
/// uplink the hand-over to the port follows in the same cycle, with the control work.
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
    Stat EncodeInstructions,
    Stat TelemetryCycleInstructions,
    long TelemetryAllocatedBytes,
    UplinkCost? Uplink,
    Stat PublishInstructions,
    double InstructionsPerCycleOverall,
    IReadOnlyList<MethodCost> SteadyMethods,
    IReadOnlyList<MethodCost> TelemetryMethods,
    IReadOnlyList<CallOutCost> SteadyCallsOutByTarget)
{
    /// <summary>One second of telemetry spread over the cycles of that second.</summary>
    public double PublishInstructionsAmortised => PublishInstructions.Mean * TelemetryCycles / MeasuredCycles;

    /// <summary>Bytes allocated anywhere: steady and telemetry cycles, uplink passes.</summary>
    public long AllocatedBytes => SteadyAllocatedBytes + TelemetryAllocatedBytes + (Uplink?.AllocatedBytes ?? 0);
}
