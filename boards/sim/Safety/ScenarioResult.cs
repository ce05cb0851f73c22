using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>What a fault scenario measured, in simulated milliseconds from the injection.</summary>
public sealed record ScenarioResult(FaultId Fault, bool Latched, long LatchedAfterMs, long SafeAfterMs, IReadOnlyList<FaultId> LatchedFaults, string? CloseRefusal)
{
    /// <summary>The expected fault is the first (or only) one latched.</summary>
    public bool FirstFaultIsExpected => LatchedFaults.Count > 0 && LatchedFaults[0] == Fault;
}
