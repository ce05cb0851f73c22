using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>How a scenario's fault shows itself: by opening a closed contactor, or by keeping it from closing.</summary>
public enum ScenarioStart
{
    /// <summary>The pack runs with the contactor closed when the fault is injected.</summary>
    Closed,

    /// <summary>The fault is injected with the contactor open; a close request follows at once.</summary>
    CloseRequested,

    /// <summary>The fault exists before the firmware boots.</summary>
    AtBoot,
}

/// <summary>
/// One fault injected into the simulated pack at a known moment, to measure how long the
/// firmware takes from that moment to the safe state.
/// </summary>
public sealed class FaultScenario
{
    public required FaultId Fault { get; init; }

    /// <summary>What is injected, in words, for reports.</summary>
    public required string Injection { get; init; }

    public ScenarioStart Start { get; init; } = ScenarioStart.Closed;

    /// <summary>Changes to the board before it starts (ambient temperature and the like).</summary>
    public Func<SimBoardConfig, SimBoardConfig> Configure { get; init; } = c => c;

    /// <summary>Changes to the profile before the firmware starts.</summary>
    public Action<PackProfile> Tune { get; init; } = _ => { };

    /// <summary>The pack's state and load before the contactor closes.</summary>
    public Action<SimBoard> Prepare { get; init; } = _ => { };

    /// <summary>The fault itself, applied between two control cycles.</summary>
    public required Action<SimBoard> Inject { get; init; }
}
