using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Estimation;

namespace nanoFramework.BMS.Tests.Estimation;

/// <summary>The benchmark's runs, once for the class (about ten seconds: virtual time, 16 cells at 10 Hz).</summary>
public sealed class BenchmarkRuns
{
    public readonly List<SocBenchmarkResult> Results = SocBenchmarkCase.Standard.AsParallel().AsOrdered()
        .Select(c => new SocBenchmark(c).Run()).ToList();
}

/// <summary>
/// The targets of the state-of-charge issue against the simulator's truth (docs/estimation.md):
/// the simulation is deterministic, so the results are exact and so are these assertions.
/// </summary>
public class EstimationBenchmarkTests(BenchmarkRuns runs) : IClassFixture<BenchmarkRuns>
{
    private IEnumerable<SocBenchmarkResult> Of(Chemistry chemistry) => runs.Results.Where(r => r.Case.Chemistry == chemistry);

    [Fact]
    public void NmcStateOfChargeIsWithinOnePercentRmseAndTwoAndAHalfPercentAtWorst()
    {
        foreach (var r in Of(Chemistry.Nmc))
        {
            Assert.True(r.Pack.Rmse <= 0.010, $"{r.Case.Name}: RMSE {r.Pack.Rmse:P2}");
            Assert.True(r.Pack.Max <= 0.025, $"{r.Case.Name}: max {r.Pack.Max:P2}");
            // The targets are for the pack; the weakest and strongest cells are held to a
            // guard (a cell channel 5 mV off costs them up to 3 %).
            Assert.True(r.Weakest.Max <= 0.035 && r.Strongest.Max <= 0.035, $"{r.Case.Name}: cells {r.Weakest.Max:P2} / {r.Strongest.Max:P2}");
        }
    }

    /// <summary>
    /// The LFP target, in every LFP case whose firmware is configured as shipped. The
    /// case with the slow RC branch configured at half its size shows what a wrong r2_mohm
    /// costs (docs/estimation.md): held to a ceiling, not to the target.
    /// </summary>
    [Fact]
    public void LfpStateOfChargeIsWithinTwoAndAHalfPercentRmse()
    {
        var lfp = Of(Chemistry.Lfp).ToList();
        Assert.Contains(lfp, r => r.Case.SlowBranchFactor != 1);
        foreach (var r in lfp)
        {
            double limit = r.Case.SlowBranchFactor == 1 ? 0.025 : 0.035;
            Assert.True(r.Pack.Rmse <= limit, $"{r.Case.Name}: RMSE {r.Pack.Rmse:P2}, limit {limit:P1}");
        }

        Assert.True(lfp.Count(r => r.Case.SlowBranchFactor == 1) >= 4);
    }

    [Fact]
    public void TheCapacityIsWithinThreePercentAfterOneFullCycle()
    {
        foreach (var r in runs.Results)
        {
            Assert.True(Math.Abs(r.CapacityErrorAfterCycle) <= 0.03, $"{r.Case.Name}: {r.CapacityErrorAfterCycle:P2}");
            Assert.True(Math.Abs(r.CapacityErrorAtEnd) <= 0.03, $"{r.Case.Name}: {r.CapacityErrorAtEnd:P2} at the end");
        }
    }

    [Fact]
    public void TheFilterBeatsCoulombCountingOnTheSameReadings()
    {
        foreach (var r in runs.Results)
        {
            Assert.True(r.Pack.Rmse < r.CoulombCounting.Rmse / 5, $"{r.Case.Name}: {r.Pack.Rmse:P2} vs {r.CoulombCounting.Rmse:P2}");

            // Even a coulomb counter told the true start (which no pack knows) loses to the
            // filter on NMC; on LFP's plateau the filter is such a counter, so not there.
            if (r.Case.Chemistry == Chemistry.Nmc)
                Assert.True(r.Pack.Rmse < r.CoulombCountingFromTruth.Rmse, $"{r.Case.Name}: {r.Pack.Rmse:P2} vs {r.CoulombCountingFromTruth.Rmse:P2} from the true start");
        }
    }

    [Fact]
    public void ResistanceAndOffsetAreLearnedAndNothingTrips()
    {
        foreach (var r in runs.Results)
        {
            Assert.Equal(0, r.Faults);
            Assert.InRange(r.ResistanceOhms, r.TrueResistanceOhms * 0.95, r.TrueResistanceOhms * 1.05);
            // R1 is learned; the simulated cells' fast RC branch is what it stands for.
            Assert.InRange(r.R1Ohms, r.TrueR1Ohms * 0.75, r.TrueR1Ohms * 1.25);
            Assert.InRange(r.LearnedOffsetAmps, 0.017, 0.023);
        }
    }

    /// <summary>
    /// The slow RC branch is measured over rests after a sustained current: where it was, it is
    /// within 10 % of the cells' (also where it was configured at half), and a wrong
    /// configuration is measured at least once.
    /// </summary>
    [Fact]
    public void TheSlowBranchIsMeasuredAtRest()
    {
        foreach (var r in runs.Results.Where(r => r.R2Measurements > 0))
            Assert.InRange(r.R2Ohms, r.TrueR2Ohms * 0.9, r.TrueR2Ohms * 1.1);
        foreach (var r in runs.Results.Where(r => r.Case.SlowBranchFactor != 1))
            Assert.True(r.R2Measurements > 0, r.Case.Name);
    }

    [Fact]
    public void TheDocsShowWhatTheBenchmarkMeasuresNow()
    {
        string doc = File.ReadAllText(Path.Combine(SafetyScenarioTests.RepoRoot(), "docs", "estimation.md")).Replace("\r\n", "\n");
        string expected = SocBenchCommand.ReplaceTable(doc, SocBenchCommand.Table(runs.Results));
        Assert.True(doc == expected, "docs/estimation.md is out of date: run `dotnet run -c Release --project boards/sim -- soc-bench --write docs/estimation.md`");
    }

    [Fact]
    public void At100HzTheNmcTargetsHoldToo()
    {
        var r = new SocBenchmark(SocBenchmarkCase.Nmc with { SampleRateHz = 100 }).Run();
        Assert.True(r.Pack.Rmse <= 0.010 && r.Pack.Max <= 0.025, $"RMSE {r.Pack.Rmse:P2}, max {r.Pack.Max:P2}");
        Assert.True(Math.Abs(r.CapacityErrorAfterCycle) <= 0.03);
    }
}
