using CsCheck;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Peripherals;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

/// <summary>Properties over random sample sequences, on the firmware with fake ports (100 Hz, NMC, 4 cells).</summary>
public class SafetyPropertyTests
{
    private const int Cells = 4;
    private const int Thermistors = 2;

    /// <summary>One control cycle's inputs and what a person or the cloud asks for before it.</summary>
    public sealed record Step(int[] CellMillivolts, float[] Celsius, float Amps, CurrentSensorStatus Status, int Request);

    private static readonly Gen<Step> AnyStep =
        Gen.Select(
            Gen.Int[0, 5200].Array[Cells],
            Gen.Float[-45f, 130f].Array[Thermistors],
            Gen.Float[-40f, 40f],
            Gen.Frequency((20, Gen.Const(CurrentSensorStatus.Ok)), (1, Gen.Enum<CurrentSensorStatus>())),
            Gen.Int[0, 5])
        .Select((cells, celsius, amps, status, request) => new Step(cells, celsius, amps, status, request));

    private static void Apply(FakeBoard board, Step step)
    {
        for (int i = 0; i < Cells; i++)
            board.Cells.Counts[i] = FakeBoard.CellCounts(step.CellMillivolts[i]);
        for (int i = 0; i < Thermistors; i++)
            board.Thermistors.Counts[i] = (int)Math.Round(SimThermistorAdc.CountsAt(step.Celsius[i]));
        board.Current.Amps = step.Amps;
        board.Current.Status = step.Status;
        switch (step.Request)
        {
            case 0: board.Firmware.RequestClose(); break;
            case 1: board.Firmware.ClearFaults(); break;
            case 2: board.Firmware.ClearFaultsAtConsole(); break;
            case 3: board.Firmware.OpenContactor(); break;
        }

        board.Step();
    }

    [Fact]
    public void TheContactorIsNeverClosedWhileAFaultIsLatched()
    {
        // Sequences mixing plausible and wild inputs with close, clear and open requests.
        var plausible = Gen.Select(Gen.Int[3000, 4200].Array[Cells], Gen.Float[10f, 40f].Array[Thermistors], Gen.Float[-5f, 3f], Gen.Int[0, 5])
            .Select((c, t, a, r) => new Step(c, t, a, CurrentSensorStatus.Ok, r));
        Gen.Frequency((3, plausible), (1, AnyStep)).Array[1, 300].Sample(steps =>
        {
            var board = new FakeBoard(ProfilePresets.Nmc(Cells, Thermistors, 3f, 100));
            foreach (var step in steps)
            {
                Apply(board, step);
                if (board.Firmware.Faults.AnyLatched)
                {
                    Assert.False(board.Contactor.Energised, "main contactor energised with a fault latched");
                    Assert.False(board.Precharge.Energised, "precharge energised with a fault latched");
                }
            }
        }, iter: 300);
    }

    /// <summary>A physical maximum-tier row and how to drive its quantity on the fake board.</summary>
    public sealed record Excursion(LimitRule Rule, float Beyond, int ExtraSamples);

    [Fact]
    public void AnyValueBeyondAMaximumLimitForItsDebounceOpensTheContactor()
    {
        var profile = ProfilePresets.Nmc(Cells, Thermistors, 3f, 100);
        var rows = profile.Limits.Where(r => r.Tier == Tier.Maximum && !QuantityUnits.IsFlag(r.Quantity) && r.Quantity != Quantity.CelsiusRisePerSecond).ToArray();
        // At least a fifth of the hysteresis beyond: more than the measurement's own error
        // (0.5 °C for the NTC table, 1.2 mV for a cell channel), so the firmware can see it.
        var gen = Gen.Select(Gen.Int[0, rows.Length - 1], Gen.Float[0.2f, 3f], Gen.Int[0, 20])
            .Select((row, beyond, extra) => new Excursion(rows[row], beyond, extra));
        gen.Sample(x =>
        {
            var board = new FakeBoard(ProfilePresets.Nmc(Cells, Thermistors, 3f, 100));
            board.Step();
            Assert.Null(board.Close());
            Assert.True(board.Contactor.Energised);

            float value = x.Rule.IsUpperLimit ? x.Rule.Limit + x.Beyond * x.Rule.Hysteresis : x.Rule.Limit - x.Beyond * x.Rule.Hysteresis;
            Drive(board, x.Rule.Quantity, value);
            board.Step(x.Rule.DebounceSamples(board.Profile.PeriodMs) + x.ExtraSamples);

            Assert.True(board.Firmware.Faults.Get(x.Rule.Fault).Latched, $"{FaultNames.Name(x.Rule.Fault)} at {value} did not trip");
            Assert.False(board.Contactor.Energised);
        }, iter: 200);
    }

    [Fact]
    public void ValuesInsideTheOperatingWindowNeverTrip()
    {
        // A random walk inside every operating limit: cells 3000-4180 mV, 10-40 °C (the charge
        // window), -15..+3 A, temperatures moving slower than the runaway warning.
        var walk = Gen.Select(Gen.Int[3050, 4150], Gen.Float[12f, 38f], Gen.Float[-14f, 2.9f], Gen.Int[100, 1500], Gen.UInt)
            .Select((mv, celsius, amps, samples, seed) => (mv, celsius, amps, samples, seed));
        walk.Sample(w =>
        {
            var board = new FakeBoard(ProfilePresets.Nmc(Cells, Thermistors, 3f, 100));
            var random = new Random((int)w.seed);
            board.Step();
            Assert.Null(board.Close());
            double mv = w.mv, celsius = w.celsius, amps = w.amps;
            for (int i = 0; i < w.samples; i++)
            {
                mv = Math.Clamp(mv + random.NextDouble() * 4 - 2, 3050, 4150);
                celsius = Math.Clamp(celsius + random.NextDouble() * 0.004 - 0.002, 12, 38);
                amps = Math.Clamp(amps + random.NextDouble() * 0.2 - 0.1, -14, 2.9);
                for (int c = 0; c < Cells; c++)
                    board.Cells.Counts[c] = FakeBoard.CellCounts((float)mv + c);
                for (int t = 0; t < Thermistors; t++)
                    board.Thermistors.Counts[t] = (int)Math.Round(SimThermistorAdc.CountsAt(celsius));
                board.Current.Amps = (float)amps;
                board.Step();
                Assert.False(board.Firmware.Faults.AnyLatched, $"tripped at sample {i}");
                Assert.Equal(0, board.Firmware.Limits.Warnings);
            }

            Assert.True(board.Contactor.Energised);
        }, iter: 60);
    }

    private static void Drive(FakeBoard board, Quantity quantity, float value)
    {
        switch (quantity)
        {
            case Quantity.MaxCellMillivolts:
            case Quantity.MinCellMillivolts:
                board.Cells.Counts[1] = FakeBoard.CellCounts(value);
                break;
            case Quantity.MaxCelsiusWhileCharging:
            case Quantity.MinCelsiusWhileCharging:
                board.Thermistors.Counts[0] = (int)Math.Round(SimThermistorAdc.CountsAt(value));
                board.Current.Amps = 0.5f;
                break;
            case Quantity.MaxCelsius:
            case Quantity.MinCelsius:
                board.Thermistors.Counts[0] = (int)Math.Round(SimThermistorAdc.CountsAt(value));
                break;
            case Quantity.ChargeAmps:
                board.Current.Amps = value;
                break;
            case Quantity.DischargeAmps:
                board.Current.Amps = -value;
                break;
        }
    }
}
