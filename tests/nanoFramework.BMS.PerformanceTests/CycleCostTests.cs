using nanoFramework.BMS.IlCounter;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>
/// The IL counter on the firmware: the measurement is of the Release build, deterministic,
/// consistent with itself, allocation-free, and what docs/performance.md shows.
/// </summary>
public class CycleCostTests(MeasuredCosts measured) : IClassFixture<MeasuredCosts>
{
    [Fact]
    public void TheCountsAreOfTheReleaseBuild()
    {
        // Debug IL has more instructions; the budget and docs/performance.md are for Release,
        // which is what tests/run.sh builds.
        Assert.Equal("Release", measured.Costs[0].FirmwareConfiguration);
    }

    [Fact]
    public void EverySecondPublishesOnceAndTheSteadyStateIsTheRest()
    {
        foreach (var cost in measured.Costs)
        {
            Assert.Equal(CycleMeter.MeasuredSeconds, cost.TelemetryCycles);
            Assert.Equal(cost.MeasuredCycles - cost.TelemetryCycles, cost.SteadyCycles);
        }
    }

    [Fact]
    public void ThePerMethodCountsAddUpToTheCycle()
    {
        foreach (var cost in measured.Costs)
        {
            Assert.Equal(cost.SteadyInstructions.Mean, cost.SteadyMethods.Sum(m => m.SelfPerCycle), 6);
            Assert.Equal(cost.SteadyCalls.Mean, cost.SteadyMethods.Sum(m => m.CallsPerCycle), 6);
            var runCycle = cost.SteadyMethods.Single(m => m.Method == "PackController.RunCycle");
            Assert.Equal(cost.SteadyInstructions.Mean, runCycle.InclusivePerCall, 6);
        }
    }

    [Fact]
    public void TheSameBuildAndInputsGiveTheSameCounts()
    {
        var again = CycleCostTool.MeasureStandardProfiles();
        Assert.Equal(MarkdownReport.Render(measured.Costs), MarkdownReport.Render(again));
    }

    [Fact]
    public void DocsShowWhatTheToolMeasuresNow()
    {
        string path = Path.Combine(CycleBenchmarkTests.RepositoryRoot(), DocsSection.RelativePath);
        string documented = DocsSection.Read(File.ReadAllText(path)).ReplaceLineEndings("\n");
        string current = MarkdownReport.Render(measured.Costs).ReplaceLineEndings("\n").Trim('\n');
        Assert.True(documented == current,
            $"{DocsSection.RelativePath} is out of date: run `dotnet run -c Release --project tools/IlCounter -- --write-docs`");
    }

    [Fact]
    public void TheCountedIlIsTheIlTheNanoFrameworkBuildRuns()
    {
        string gate = Path.Combine(CycleBenchmarkTests.RepositoryRoot(), "tests", "NanoFrameworkGate", "bin", CycleBenchmarkTests.Configuration(), "netstandard2.0", "nanoFramework.BMS.Firmware.Nf.dll");
        var executed = measured.Costs
            .SelectMany(c => c.SteadyMethods.Concat(c.TelemetryMethods).Concat(c.Uplink?.PublishPassMethods ?? []))
            .Select(m => m.Method).Distinct();
        var differing = IlComparison.MethodsThatDiffer(CycleCostTool.FirmwarePath, gate, executed);
        Assert.True(differing.Count == 0, "IL differs between the .NET and nanoFramework builds in:\n" + string.Join("\n", differing));
    }
}
