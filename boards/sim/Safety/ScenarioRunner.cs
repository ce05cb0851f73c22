using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Safety;

/// <summary>Runs a fault scenario on a fresh simulated board in virtual time.</summary>
public static class ScenarioRunner
{
    private const long MaxWaitMs = 20_000;

    public static ScenarioResult Run(FaultScenario scenario, Chemistry chemistry, int rateHz, int cells = 4, int thermistors = 2)
    {
        var config = scenario.Configure(FaultScenarios.BaseConfig(chemistry, rateHz, cells, thermistors));
        var profile = config.Profile();
        scenario.Tune(profile);
        var board = new SimBoard(config, profile);
        var order = new List<FaultId>();
        board.Trace += e =>
        {
            if (e.Event == "fault_raised")
                order.Add((FaultId)e.Code!.Value);
        };

        if (scenario.Start == ScenarioStart.AtBoot)
        {
            scenario.Inject(board);
            order.Clear();
            board.Restart();
            long bootMs = board.NowMs;
            string? refusal = board.Firmware.RequestClose();
            board.RunFor(1000);
            var record = board.Firmware.Faults.Get(scenario.Fault);
            return new ScenarioResult(scenario.Fault, record.Latched, record.TimeMs - bootMs, 0, order, refusal);
        }

        scenario.Prepare(board);
        board.Step();
        if (scenario.Start == ScenarioStart.Closed)
        {
            board.Firmware.RequestClose();
            board.RunFor(5000, () => board.Pack.ContactorClosed && board.Firmware.ContactorState == Contactor.ContactorState.Closed);
            // A second of normal running, so the sensors read the load, not the precharge.
            board.RunFor(1000);
            if (!board.Pack.ContactorClosed || board.Firmware.Faults.AnyLatched)
                throw new InvalidOperationException($"{scenario.Fault}: the pack did not reach a closed contactor without faults before the injection ({string.Join(", ", order)})");
        }

        long t0 = board.NowMs;
        scenario.Inject(board);
        if (scenario.Start == ScenarioStart.CloseRequested)
            board.Firmware.RequestClose();

        var expected = board.Firmware.Faults.Get(scenario.Fault);
        board.RunFor(MaxWaitMs, () => expected.Latched && !board.ContactorOutput.Energised && !board.PrechargeOutput.Energised);
        long safeAfter = board.NowMs - t0;
        return new ScenarioResult(scenario.Fault, expected.Latched, expected.TimeMs - t0, safeAfter, order, null);
    }
}
