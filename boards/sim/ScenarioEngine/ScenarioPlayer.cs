using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// Runs a scenario on a fresh simulated board in virtual time: boots the firmware, applies the
/// timeline between control cycles, lets every expectation observe each step and judges them
/// at the end. Optional listeners get every trace event and every step (for --trace and --plot).
/// </summary>
public sealed class ScenarioPlayer(Scenario scenario)
{
    /// <summary>Every trace event of the board, and the scenario's own (loads, console lines).</summary>
    public event Action<TraceEvent>? Trace;

    /// <summary>After every step, with the board as it is then.</summary>
    public event Action<SimBoard>? Stepped;

    /// <summary>What the firmware's console writes, with the simulated time.</summary>
    public event Action<long, string>? ConsoleOutput;

    public ScenarioOutcome Run()
    {
        var board = new SimBoard(scenario.Board, scenario.Profile());
        board.Pack.AmbientCelsius = scenario.Board.AmbientCelsius;
        foreach (var cell in board.Pack.Cells)
            cell.Celsius = scenario.InitialCelsius;

        var outcome = new ScenarioOutcome(board);
        board.Console.Output += text => ConsoleOutput?.Invoke(board.NowMs, text);
        board.Trace += e =>
        {
            if (e.Event == "fault_raised")
                outcome.Raised.Add(new RaisedFault(e.TMs, (FaultId)e.Code!.Value));
            Trace?.Invoke(e);
        };
        foreach (var expectation in scenario.Expectations)
            expectation.Reset();

        // Faults latched at boot (a damaged fault store, a failed self-test) are seen before the first step.
        foreach (var code in LatchedCodes(board))
            outcome.Raised.Add(new RaisedFault(0, code));

        if (scenario.CloseAtBoot && board.Firmware.RequestClose() is { } refusal)
            outcome.Problems.Add($"initial.contactor is \"closed\", but the firmware refused to close at boot: {refusal}");

        var undos = new List<(long AtMs, Action Undo)>();
        int next = 0;
        var timeline = scenario.Timeline;
        var expectations = scenario.Expectations;
        while (board.NowMs < scenario.DurationMs)
        {
            long now = board.NowMs;
            for (int i = undos.Count - 1; i >= 0; i--)
            {
                if (undos[i].AtMs <= now)
                {
                    undos[i].Undo();
                    undos.RemoveAt(i);
                }
            }

            while (next < timeline.Count && timeline[next].AtMs <= now)
            {
                var entry = timeline[next++];
                if (entry is not FaultInjection)
                    Trace?.Invoke(new TraceEvent(now, entry is LoadStep ? "load" : "console") { Detail = entry.Describe() });
                var undo = entry.Apply(board);
                if (undo != null && entry.DurationMs is long duration)
                    undos.Add((now + duration, undo));
                if (entry.Name != null)
                    outcome.EventMs.TryAdd(entry.Name, now);
            }

            board.Step();
            for (int i = 0; i < expectations.Count; i++)
                expectations[i].Observe(board);
            Stepped?.Invoke(board);
        }

        return outcome;
    }

    private static IEnumerable<FaultId> LatchedCodes(SimBoard board)
    {
        var latch = board.Firmware.Faults;
        for (int code = 0; code < latch.Capacity; code++)
        {
            if (latch.At(code).Latched)
                yield return (FaultId)code;
        }
    }
}
