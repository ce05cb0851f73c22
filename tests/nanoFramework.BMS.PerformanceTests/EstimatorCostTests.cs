using System.Globalization;
using nanoFramework.BMS.IlCounter;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>The state estimators' share of the control cycle, measured once for the class.</summary>
public sealed class MeasuredEstimator
{
    public readonly EstimatorCost Cost = EstimatorShare.Measure(
        Instrumenter.Instrument(CycleCostTool.FirmwarePath), MeasuredProfile.Standard.First(CycleBudget.AppliesTo));
}

/// <summary>
/// The estimators run their once-a-second work a small step per cycle (docs/estimation.md), so
/// their share of any cycle stays a small part of the 2,500 IL budget. Ceilings, not the exact
/// counts: lowering the cost is always allowed; raising a ceiling is a decision.
/// </summary>
public class EstimatorCostTests(MeasuredEstimator measured) : IClassFixture<MeasuredEstimator>
{
    public const long MaxPerCycle = 300;
    public const double MeanPerCycle = 100;

    [Fact]
    public void NoCycleSpendsMoreThanAFewHundredInstructionsOnTheEstimators()
    {
        Assert.True(measured.Cost.PerCycle.Max <= MaxPerCycle, $"{measured.Cost.PerCycle.Max} IL in one cycle, ceiling {MaxPerCycle}");
        Assert.True(measured.Cost.PerCycle.Mean <= MeanPerCycle, $"{measured.Cost.PerCycle.Mean:F1} IL a cycle on average, ceiling {MeanPerCycle}");
    }

    [Fact]
    public void ThePeriodicSaveRanDuringTheMeasurement()
    {
        Assert.Contains(measured.Cost.Steps, s => s.Method == "EstimateStore.ChecksumStep");
        Assert.Contains(measured.Cost.Steps, s => s.Method == "EstimateStore.Write");
    }

    [Fact]
    public void TheRestJobRanAndKeptToTheSameCeiling()
    {
        Assert.Contains(measured.Cost.Steps, s => s.Method == "StateEstimator.RestStep");
        Assert.True(measured.Cost.AtRest.Max <= MaxPerCycle, $"{measured.Cost.AtRest.Max} IL in one cycle at rest, ceiling {MaxPerCycle}");
    }

    [Fact]
    public void TheDocsShowTheMeasuredShare()
    {
        var cost = measured.Cost.PerCycle;
        string row = string.Create(CultureInfo.InvariantCulture, $"| IL instructions per control cycle | {cost.Mean:N0} | {cost.Min:N0} | {cost.Max:N0} |");
        var atRest = measured.Cost.AtRest;
        string restRow = string.Create(CultureInfo.InvariantCulture, $"| the same, at rest (the rest job included) | {atRest.Mean:N0} | {atRest.Min:N0} | {atRest.Max:N0} |");
        string doc = File.ReadAllText(Path.Combine(DocsSection.RepositoryRoot(), "docs", "estimation.md"));
        Assert.True(doc.Contains(row), $"docs/estimation.md should have the row {row} (dotnet run -c Release --project tools/IlCounter -- --estimator)");
        Assert.True(doc.Contains(restRow), $"docs/estimation.md should have the row {restRow} (dotnet run -c Release --project tools/IlCounter -- --estimator)");
    }
}
