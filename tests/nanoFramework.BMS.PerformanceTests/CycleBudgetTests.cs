using nanoFramework.BMS.IlCounter;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>
/// Holds the firmware to the cycle budget of issue 8. The counts are of IL instructions executed,
/// which do not depend on the machine or its load, so they are asserted exactly; wall time never is.
/// </summary>
public class CycleBudgetTests(MeasuredCosts measured) : IClassFixture<MeasuredCosts>
{
    /// <summary>
    /// What publishing one second costs now, plus 0.1 %. The JSON format cannot come near the
    /// 20,000 budget at 16 cells and 100 Hz (docs/performance.md, "Telemetry is over budget"), so
    /// until the telemetry content or format is decided, this ceiling keeps it from growing.
    /// Lower it when the cost falls; raising it is a decision, not a fix.
    /// </summary>
    public const long PublishCeiling = 507_300;

    [Fact]
    public void NoCycleAllocatesInAnyProfile()
    {
        foreach (var cost in measured.Costs)
        {
            Assert.Equal(0, cost.SteadyAllocatedBytes);
            Assert.Equal(0, cost.TelemetryAllocatedBytes);
        }
    }

    [Fact]
    public void TheControlCycleKeepsToItsBudget()
    {
        var cost = Budgeted();
        Assert.True(cost.ControlInstructions.Max <= CycleBudget.MaxControlInstructions,
            $"{cost.ControlInstructions.Max:N0} IL instructions in a control cycle, budget {CycleBudget.MaxControlInstructions:N0}: see the top methods in docs/performance.md");
    }

    [Fact(Skip = "over budget by design of the JSON format: about 507,000 IL a second at 16 cells, 100 Hz; needs a decision on the telemetry content (docs/performance.md, 'Telemetry is over budget'). PublishingASecondOfTelemetryDoesNotGrow holds it meanwhile.")]
    public void PublishingASecondOfTelemetryKeepsToItsBudget()
    {
        var cost = Budgeted();
        Assert.True(cost.PublishInstructions.Max <= CycleBudget.MaxPublishInstructions,
            $"{cost.PublishInstructions.Max:N0} IL instructions to publish one second, budget {CycleBudget.MaxPublishInstructions:N0}");
    }

    [Fact]
    public void PublishingASecondOfTelemetryDoesNotGrow()
    {
        var cost = Budgeted();
        Assert.True(cost.PublishInstructions.Max <= PublishCeiling,
            $"{cost.PublishInstructions.Max:N0} IL instructions to publish one second, up from at most {PublishCeiling:N0}");
    }

    /// <summary>When the publish meets its budget this fails: then un-skip the budget test above and delete this one.</summary>
    [Fact]
    public void OnlyTheTelemetryPublishIsOverBudget()
    {
        var violations = measured.Costs.SelectMany(CycleBudget.Violations).ToList();
        var over = Assert.Single(violations);
        Assert.Contains("publish one second of telemetry", over);
    }

    private CycleCost Budgeted() => measured.Of(CycleBudget.Cells, CycleBudget.Thermistors, CycleBudget.SampleRateHz);
}
