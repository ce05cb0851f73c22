using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class SafetyBehaviourTests
{
    private static SimBoard ClosedBoard(IPackLoad? load = null)
    {
        var board = new SimBoard(new SimBoardConfig { SampleRateHz = 100 });
        board.Pack.Load = load ?? new RestLoad();
        board.Step();
        Assert.Null(board.Firmware.RequestClose());
        board.RunFor(1000);
        Assert.True(board.Pack.ContactorClosed);
        return board;
    }

    [Fact]
    public void PrechargeChargesTheLoadSideBeforeTheMainContactorCloses()
    {
        var board = new SimBoard(new SimBoardConfig { SampleRateHz = 100 });
        board.Step();
        double linkAtClose = -1;
        board.Firmware.RequestClose();
        board.RunFor(2000, () =>
        {
            if (linkAtClose < 0 && board.Pack.MainCommanded)
                linkAtClose = board.Pack.LinkVolts;
            return false;
        });

        Assert.InRange(linkAtClose / board.Pack.OpenCircuitVolts, board.Profile.Safety.PrechargeTargetRatio - 0.01, 1.0);
        Assert.False(board.Pack.PrechargeClosed);
        Assert.Equal(ContactorState.Closed, board.Firmware.ContactorState);
    }

    [Fact]
    public void AShortedLoadSideFailsPrechargeAfterTheRetries()
    {
        var board = new SimBoard(new SimBoardConfig { SampleRateHz = 100 });
        board.Pack.BleedOhms = 1;
        board.Step();
        int attempts = 0;
        bool wasOn = false;
        board.Firmware.RequestClose();
        board.RunFor(10_000, () =>
        {
            if (board.Pack.PrechargeClosed && !wasOn)
                attempts++;
            wasOn = board.Pack.PrechargeClosed;
            return false;
        });

        Assert.Equal(board.Profile.Safety.PrechargeRetries + 1, attempts);
        Assert.True(board.Firmware.Faults.Get(FaultId.PrechargeFailed).Latched);
        Assert.False(board.Pack.PrechargeClosed);
        Assert.False(board.Pack.MainCommanded);
    }

    [Fact]
    public void AWeldWithNoCurrentIsFoundByTheLoadSideVoltage()
    {
        var board = ClosedBoard();
        board.Pack.MainWelded = true;
        board.Firmware.OpenContactor();
        board.RunFor(2000);

        var record = board.Firmware.Faults.Get(FaultId.ContactorWelded);
        Assert.True(record.Latched);
        Assert.Equal("mV", record.Unit);
        Assert.Contains("load side", record.Detail);
        var alert = board.Uplink.Messages.Last(m => m.Topic == board.Firmware.AlertTopic);
        using var json = System.Text.Json.JsonDocument.Parse(alert.Payload);
        Assert.True(json.RootElement.GetProperty("critical").GetBoolean());
    }

    [Fact]
    public void AHealthyOpenRaisesNoWeldFault()
    {
        var board = ClosedBoard(new ConstantCurrentLoad(-3));
        board.Firmware.OpenContactor();
        board.RunFor(3000);
        Assert.False(board.Firmware.Faults.AnyLatched);
        Assert.Equal(ContactorState.Open, board.Firmware.ContactorState);
    }

    [Fact]
    public void AHungLoopIsEndedByTheWatchdog()
    {
        var board = ClosedBoard(new ConstantCurrentLoad(-1));
        long hungAt = board.NowMs;
        board.FirmwareHung = true;
        board.RunFor(2000, () => !board.Pack.ContactorClosed);

        Assert.False(board.Pack.ContactorClosed);
        Assert.InRange(board.NowMs - hungAt, board.Profile.Safety.WatchdogTimeoutMs, board.Profile.Safety.WatchdogTimeoutMs + board.Profile.PeriodMs);
        Assert.Equal(1, board.WatchdogResets);
        board.RunFor(1000);
        Assert.False(board.Pack.ContactorClosed, "after the reset the firmware starts open");
    }

    [Fact]
    public void ThermalRunawayAndWeldsClearOnlyAtTheConsole()
    {
        var board = ClosedBoard();
        int sensed = board.ThermistorAdc.CellOf(0);
        board.Pack.Cells[sensed].ExtraHeatWatts = 100;
        board.RunFor(8000, () => board.Firmware.Faults.Get(FaultId.ThermalRunaway).Latched);
        Assert.True(board.Firmware.Faults.Get(FaultId.ThermalRunaway).Latched);

        // Heat gone, temperature steady: the condition is gone.
        board.Pack.Cells[sensed].ExtraHeatWatts = 0;
        board.Pack.AmbientCelsius = board.Pack.Cells[sensed].Celsius;
        foreach (var cell in board.Pack.Cells)
            cell.Celsius = board.Pack.AmbientCelsius;
        board.RunFor(3000);
        Assert.False(board.Firmware.Faults.Get(FaultId.ThermalRunaway).ConditionActive);

        board.Firmware.ClearFaults();
        Assert.True(board.Firmware.Faults.Get(FaultId.ThermalRunaway).Latched, "a remote clear must not clear a thermal runaway");
        board.Console.Type("login " + SimBoard.FactoryPin);
        board.Console.Type("clear");
        board.Step();
        Assert.False(board.Firmware.Faults.Get(FaultId.ThermalRunaway).Latched);
    }

    [Fact]
    public void ANormalWarmUpDoesNotEvenWarnOfRunaway()
    {
        // UL 9540A's trigger heating, 4-7 °C/min, is faster than any normal warm-up: 0.12 °C/s.
        var board = ClosedBoard(new ConstantCurrentLoad(-6));
        int sensed = board.ThermistorAdc.CellOf(0);
        int row = Array.FindIndex(board.Profile.Limits, r => r.Fault == FaultId.ThermalRunaway && r.Tier == Tier.Operating);
        double start = board.Pack.Cells[sensed].Celsius;
        for (int second = 0; second < 120; second++)
        {
            board.Pack.Cells[sensed].Celsius = start + 0.12 * second;
            board.RunFor(1000);
            Assert.False(board.Firmware.Limits.IsActive(row), $"runaway warning at {second} s");
        }

        Assert.False(board.Firmware.Faults.AnyLatched);
        Assert.InRange(board.Firmware.Sample.MaxRiseCelsiusPerSecond, 0.08, 0.2);
    }

    [Fact]
    public void AShortedTapIsASensorFaultNeverAnUnderVoltage()
    {
        var board = ClosedBoard();
        board.CellAdc.ForcedCounts[1] = 0;
        board.RunFor(10_000);

        var latched = Enumerable.Range(0, board.Firmware.Faults.Capacity).Select(board.Firmware.Faults.At).Where(r => r.Latched).Select(r => r.Id).ToList();
        Assert.Equal([FaultId.CellVoltageImplausible], latched);
        Assert.Equal(1, board.Firmware.Faults.Get(FaultId.CellVoltageImplausible).Index);
    }

    [Fact]
    public void AnOpenThermistorIsASensorFaultNeverACold()
    {
        var board = ClosedBoard(new ConstantCurrentLoad(1));
        board.ThermistorAdc.ForcedCounts[0] = 4095;
        board.RunFor(10_000);

        var latched = Enumerable.Range(0, board.Firmware.Faults.Capacity).Select(board.Firmware.Faults.At).Where(r => r.Latched).Select(r => r.Id).ToList();
        Assert.Equal([FaultId.ThermistorImplausible], latched);
    }

    [Fact]
    public void CurrentLimitsDerateLinearlyBetweenOperatingAndRecommended()
    {
        var board = new FakeBoard();
        float rated = board.Profile.Safety.RatedChargeAmps;
        board.Step(5);
        Assert.Equal(rated, board.Firmware.CurrentLimits.ChargeLimitAmps, 2);

        // Highest cell half-way between operating (4180) and recommended (4220).
        board.Cells.Counts[0] = FakeBoard.CellCounts(4200);
        board.Step(150);
        Assert.InRange(board.Firmware.CurrentLimits.ChargeLimitAmps, rated * 0.45f, rated * 0.55f);
        Assert.Equal(board.Profile.Safety.RatedDischargeAmps, board.Firmware.CurrentLimits.DischargeLimitAmps, 2);
        Assert.Equal(1, board.Firmware.Limits.Warnings);
        Assert.Equal(0, board.Firmware.Limits.Alarms);

        board.Cells.Counts[0] = FakeBoard.CellCounts(4230);
        board.Step(150);
        Assert.Equal(0f, board.Firmware.CurrentLimits.ChargeLimitAmps);
        Assert.Equal(1, board.Firmware.Limits.Alarms);
        Assert.False(board.Firmware.Faults.AnyLatched);
    }

    [Fact]
    public void SelftestAtTheConsolePrintsEveryCheck()
    {
        var board = ClosedBoard();
        board.Console.Type("selftest");
        board.Step();
        string[] lines = board.Console.TakeOutput().Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

        int maximumRows = board.Profile.Limits.Count(r => r.Tier == Tier.Maximum);
        Assert.Equal(3 + maximumRows + 1, lines.Length);
        Assert.All(lines[..^1], l => Assert.StartsWith("pass  ", l));
        Assert.Contains(lines, l => l.StartsWith("pass  cell_over_voltage") && l.EndsWith("trips at 4255.00 mV after 1 sample"));
        Assert.Equal("self-test passed", lines[^1]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.True(board.Pack.ContactorClosed, "the self-test must not touch the real outputs");
    }

    [Fact]
    public void AFailedSelfTestKeepsTheContactorOpenAndNamesTheCheck()
    {
        var config = new SimBoardConfig { SampleRateHz = 100 };
        var profile = config.Profile();
        // The charge window reaching above the discharge window: one trip test trips two faults.
        int row = Array.FindIndex(profile.Limits, r => r.Fault == FaultId.ChargeOverTemperature && r.Tier == Tier.Maximum);
        var r = profile.Limits[row];
        profile.Limits[row] = new LimitRule(r.Fault, r.Quantity, r.Tier, 65f, r.Hysteresis, r.DebounceMs);
        var board = new SimBoard(config, profile);
        board.Step();

        var record = board.Firmware.Faults.Get(FaultId.SelfTestFailed);
        Assert.True(record.Latched);
        Assert.Equal("charge_over_temperature", record.Detail);
        Assert.Equal(ContactorControl.RefusedFaultLatched, board.Firmware.RequestClose());
        board.Console.Type("login " + SimBoard.FactoryPin);
        board.Console.Type("clear");
        board.Console.Type("selftest");
        board.Step();
        string output = board.Console.TakeOutput();
        Assert.Contains("error: 1 fault(s) still latched", output);
        Assert.Matches(@"FAIL  charge_over_temperature +tripped other faults too", output);
        Assert.Contains("error: self-test failed at charge_over_temperature", output);
    }
}
