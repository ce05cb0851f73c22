using System.Diagnostics;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>One scenario file checked: every expectation's result, or why the file could not run.</summary>
public sealed record ScenarioVerdict(string File, string Name, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes, double WallSeconds)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>Reads, runs and judges one file; a malformed file is a verdict with its error, not an exception.</summary>
    public static ScenarioVerdict Of(string file)
    {
        var wall = Stopwatch.StartNew();
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.ReadFile(file);
        }
        catch (ScenarioFormatException e)
        {
            return new ScenarioVerdict(file, "(unreadable)", [e.Message], [], wall.Elapsed.TotalSeconds);
        }

        return Judge(scenario, new ScenarioPlayer(scenario), wall);
    }

    public static ScenarioVerdict Judge(Scenario scenario, ScenarioPlayer player, Stopwatch? wall = null)
    {
        wall ??= Stopwatch.StartNew();
        var outcome = player.Run();
        var failures = new List<string>(outcome.Problems);
        var notes = new List<string>();
        foreach (var expectation in scenario.Expectations)
        {
            string? failure = expectation.Check(outcome);
            if (failure != null)
                failures.Add($"{expectation.Path}: expected {expectation.Describe()}: {failure}");
            else if (expectation is FaultWithin within)
                notes.Add(within.Reaction(outcome));
        }

        return new ScenarioVerdict(scenario.File, scenario.Name, failures, notes, wall.Elapsed.TotalSeconds);
    }
}
