using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// One scenario file, read and checked: the pack, its state at boot, what happens when, and what
/// must be seen. Time 0 is the firmware's boot; a contactor that starts closed is requested at
/// boot and closes after its precharge (a few hundred ms).
/// </summary>
public sealed record Scenario
{
    public required string File { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required SimBoardConfig Board { get; init; }
    public IReadOnlyList<LimitOverride> Limits { get; init; } = [];

    /// <summary>Temperature of every cell at boot, °C (the ambient unless given).</summary>
    public required double InitialCelsius { get; init; }

    /// <summary>Whether the contactor is requested closed at boot.</summary>
    public bool CloseAtBoot { get; init; }

    public required long DurationMs { get; init; }

    /// <summary>Loads, faults and console lines, in time order (file order for equal times).</summary>
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    public required IReadOnlyList<Expectation> Expectations { get; init; }

    /// <summary>The firmware's profile for this scenario's pack, with its limit overrides applied.</summary>
    public PackProfile Profile()
    {
        var profile = Board.Profile();
        foreach (var change in Limits)
            change.Apply(profile);
        return profile;
    }
}

/// <summary>A change to one row of the preset limit table (to show a mis-set profile, for example).</summary>
public sealed record LimitOverride(FaultId Fault, Tier Tier, float Limit)
{
    public void Apply(PackProfile profile)
    {
        for (int i = 0; i < profile.Limits.Length; i++)
        {
            var r = profile.Limits[i];
            if (r.Fault == Fault && r.Tier == Tier)
                profile.Limits[i] = new LimitRule(r.Fault, r.Quantity, r.Tier, Limit, r.Hysteresis, r.DebounceMs);
        }
    }
}
