using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Tests;

/// <summary>The pack model's physics: the 2-RC response, the cold, the spread, heat and runaway.</summary>
public class PackPhysicsTests
{
    private const double StepSeconds = 0.01;

    private static PackModel Pack(Chemistry chemistry = Chemistry.Nmc, int cells = 4, double soc = 0.5, PackSpread? spread = null) =>
        new(chemistry, cells, 3, soc, seed: 5, spread ?? new PackSpread { CapacityFraction = 0, ResistanceFraction = 0, SelfDischargeFraction = 0 })
        {
            MainCommanded = true,
        };

    private static void Run(PackModel pack, double seconds)
    {
        for (int i = 0; i < (int)Math.Round(seconds / StepSeconds); i++)
            pack.Step(StepSeconds);
    }

    [Fact]
    public void ACurrentStepDropsByR0AtOnceThenRelaxesThroughBothBranches()
    {
        var pack = Pack();
        var cell = pack.Cells[0];
        var p = pack.Parameters;
        double rest = cell.Volts;
        pack.Load = new ConstantCurrentLoad(-3);
        pack.Step(StepSeconds);
        // One step in: R0's drop, and the branches have barely started.
        Assert.InRange(rest - cell.Volts, 3 * p.R0Ohms, 3 * p.R0Ohms + 0.002);
        Run(pack, 20);
        // One fast time constant later: R1's branch at about 63 % of its 44 mV.
        Assert.InRange(cell.V1Volts, -3 * p.R1Ohms * 0.66, -3 * p.R1Ohms * 0.60);
        Run(pack, 300);
        // Settled, less the few per cent the cell's own heat takes off its resistance.
        Assert.InRange(cell.V1Volts, -3 * p.R1Ohms, -3 * p.R1Ohms * 0.95);
        Assert.InRange(cell.V2Volts, -3 * p.R2Ohms * 0.70, -3 * p.R2Ohms * 0.55);

        // Release: R0's part returns at once, the polarisation relaxes over minutes.
        double loaded = cell.Volts;
        pack.Load = new RestLoad();
        pack.Step(StepSeconds);
        double released = cell.Volts;
        Assert.InRange(released - loaded, 3 * cell.ResistanceOhms * 0.99, 3 * cell.ResistanceOhms + 0.001);
        Run(pack, 600);
        Assert.True(cell.Volts - released > 0.02, "the cell should recover as its branches relax");
        // Two slow time constants on, a couple of millivolts of diffusion are left.
        Assert.InRange(cell.Volts - cell.OcvVolts, -0.004, 0);
    }

    [Fact]
    public void ResistanceDoublesFrom25To0DegreesAndIsSixfoldAtMinus20()
    {
        var cell = Pack().Cells[0];
        cell.Celsius = 25;
        double warm = cell.ResistanceOhms;
        cell.Celsius = 0;
        Assert.Equal(2 * warm, cell.ResistanceOhms, 9);
        cell.Celsius = -20;
        Assert.Equal(6 * warm, cell.ResistanceOhms, 9);
    }

    [Fact]
    public void TheNmcCellMatchesTheReferenceHg2AndLfpIsScaledFromThe100AhSet()
    {
        var nmc = CellParameters.For(Chemistry.Nmc, 3);
        Assert.Equal(0.0194, nmc.R0Ohms, 9);
        Assert.Equal(0.0146, nmc.R1Ohms, 9);
        Assert.Equal(1360, nmc.C1Farads, 6);
        Assert.True(nmc.Tau2Seconds > 10 * nmc.Tau1Seconds, "the second branch is the slow one");

        var lfp = CellParameters.For(Chemistry.Lfp, 100);
        Assert.Equal(0.0004, lfp.R0Ohms, 9);
        Assert.Equal(0.0006, lfp.R1Ohms, 9);
        Assert.Equal(30, lfp.Tau1Seconds);
        // A cell of half the capacity has twice the resistance.
        Assert.Equal(2 * lfp.R0Ohms, CellParameters.For(Chemistry.Lfp, 50).R0Ohms, 9);
    }

    [Fact]
    public void OverChargeAndOverDischargeDriveTheVoltagePastTheLimits()
    {
        var pack = Pack(soc: 0.97);
        pack.Load = new ConstantCurrentLoad(3);
        Run(pack, 600);
        Assert.True(pack.MaxCellVolts > 4.30, $"a charger without CV should push a full NMC cell past 4.30 V, got {pack.MaxCellVolts:0.000}");

        pack = Pack(Chemistry.Lfp, soc: 0.03);
        pack.Load = new ConstantCurrentLoad(-3);
        Run(pack, 300);
        Assert.True(pack.MinCellVolts < 2.3, $"a load ignoring the cut-off should pull an LFP cell below 2.3 V, got {pack.MinCellVolts:0.000}");
    }

    [Fact]
    public void CapacityAndSelfDischargeSpreadDriveCellsApart()
    {
        var pack = Pack(cells: 8, soc: 0.9, spread: new PackSpread());
        pack.Load = new ConstantCurrentLoad(-3);
        Run(pack, 1800);
        double spreadAfterDischarge = SocSpread(pack);
        Assert.True(spreadAfterDischarge > 0.005, $"±2 % capacity should spread a half discharge by more than 0.5 % SoC, got {spreadAfterDischarge:P2}");

        // A month on the shelf: about 3 % self-discharge for NMC, more for some cells than others.
        var shelf = Pack(cells: 8, soc: 0.5, spread: new PackSpread());
        shelf.MainCommanded = false;
        for (int day = 0; day < 30; day++)
            shelf.Step(24 * 3600);
        Assert.InRange(shelf.MeanSoc, 0.5 - 0.04, 0.5 - 0.02);
        Assert.True(SocSpread(shelf) > 0.005);
    }

    private static double SocSpread(PackModel pack) => pack.Cells.Max(c => c.Soc) - pack.Cells.Min(c => c.Soc);

    [Fact]
    public void HeatFromCurrentWarmsTheCellsAndAmbientCoolsThem()
    {
        var pack = Pack();
        pack.Load = new ConstantCurrentLoad(-6);
        Run(pack, 300);
        double warmed = pack.Cells[1].Celsius;
        Assert.InRange(warmed, 26, 40);
        pack.Load = new RestLoad();
        Run(pack, 3600);
        Assert.InRange(pack.Cells[1].Celsius, 25, 25 + (warmed - 25) / 3);
    }

    [Fact]
    public void ANeighbourOfAHotCellWarmsMoreThanACellFurtherAway()
    {
        var pack = Pack(cells: 4);
        pack.Cells[0].ExtraHeatWatts = 5;
        Run(pack, 300);
        Assert.True(pack.Cells[1].Celsius > pack.Cells[3].Celsius + 1);
    }

    [Fact]
    public void BelowItsOnsetACellReleasesNoDecompositionHeat()
    {
        var pack = Pack();
        pack.AmbientCelsius = 75;
        foreach (var cell in pack.Cells)
            cell.Celsius = 75;
        Run(pack, 60);
        Assert.All(pack.Cells, c => Assert.Equal(0, c.ExothermWatts));
        Assert.All(pack.Cells, c => Assert.Equal(0, c.ExothermSpent));
    }

    [Fact]
    public void AnInternalShortStartsARunawayThatAcceleratesWithTemperature()
    {
        var pack = Pack();
        var cell = pack.Cells[1];
        cell.InternalShortOhms = 0.2;
        double rateAt100 = 0, rateAt150 = 0, previous = cell.Celsius;
        double seconds = 0;
        while (seconds < 600 && cell.Celsius < 400)
        {
            pack.Step(StepSeconds);
            seconds += StepSeconds;
            double rate = (cell.Celsius - previous) / StepSeconds;
            previous = cell.Celsius;
            if (rateAt100 == 0 && cell.Celsius >= 100)
                rateAt100 = rate;
            if (rateAt150 == 0 && cell.Celsius >= 150)
                rateAt150 = rate;
        }

        Assert.True(cell.Celsius >= 400, $"the runaway should take the cell past 400 °C, reached {cell.Celsius:0}");
        Assert.True(rateAt150 > 3 * rateAt100, $"self-heating should accelerate: {rateAt100:0.00} K/s at 100 °C, {rateAt150:0.00} K/s at 150 °C");
        Assert.True(cell.ExothermSpent > 0.5);
        Assert.True(cell.Volts < cell.OcvVolts, "the short pulls the terminal voltage down");
    }

    [Fact]
    public void AnOpenContactorCarriesNoCurrentWhateverTheLoadAsks()
    {
        var pack = Pack();
        pack.MainCommanded = false;
        pack.Load = new ConstantCurrentLoad(-30);
        Run(pack, 1);
        Assert.Equal(0, pack.Amps);
    }

    [Fact]
    public void PulsesAlternateDischargeRestChargeAndRest()
    {
        var pack = Pack();
        pack.Load = new PulseLoad(6, 4.5, 10, 40);
        var seen = new List<double>();
        for (int second = 0; second < 100; second++)
        {
            Run(pack, 1);
            if (seen.Count == 0 || seen[^1] != pack.Amps)
                seen.Add(pack.Amps);
        }

        Assert.Equal([-6, 0, 4.5, 0], seen.Take(4));
    }

    [Fact]
    public void TheDriveCycleDischargesOnAverageAndRegeneratesAtTimes()
    {
        var pack = Pack();
        pack.Load = new DriveCycleLoad(9);
        double charge = 0, mostCharge = 0, mostDischarge = 0;
        for (int i = 0; i < 120 / StepSeconds; i++)
        {
            pack.Step(StepSeconds);
            charge += pack.Amps * StepSeconds;
            mostCharge = Math.Max(mostCharge, pack.Amps);
            mostDischarge = Math.Min(mostDischarge, pack.Amps);
        }

        Assert.Equal(-9 * DriveCycleLoad.MeanFraction * 120, charge, 0);
        Assert.True(mostCharge > 3, "regenerative braking charges the pack");
        Assert.Equal(-9, mostDischarge);
    }
}
