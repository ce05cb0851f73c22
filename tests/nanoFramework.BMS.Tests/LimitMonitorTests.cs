using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Tests;

public class LimitMonitorTests
{
    private const int PeriodMs = 10;

    private static (LimitMonitor Monitor, FaultLatch Latch, Sample Sample) Build(int debounceMs)
    {
        var profile = ProfilePresets.Nmc(2, 1, 3f, 100);
        profile.Limits = [new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 4250f, 4150f, debounceMs)];
        var latch = new FaultLatch();
        var sample = new Sample(2, 1) { CellsValid = true, TemperaturesValid = true, CurrentValid = true };
        return (new LimitMonitor(profile, latch), latch, sample);
    }

    private static void Feed(LimitMonitor monitor, Sample sample, float maxCellMillivolts, int cell = 1)
    {
        sample.Sequence++;
        sample.TimeMs += PeriodMs;
        sample.MaxCellMillivolts = maxCellMillivolts;
        sample.MaxCellIndex = cell;
        monitor.Evaluate(sample);
    }

    [Fact]
    public void TripsOnTheSampleThatCompletesTheDebounce()
    {
        var (monitor, latch, sample) = Build(debounceMs: 50);

        for (int i = 0; i < 4; i++)
        {
            Feed(monitor, sample, 4260f);
            Assert.False(latch.AnyLatched, $"tripped after {i + 1} of 5 samples");
        }

        Feed(monitor, sample, 4261f, cell: 1);
        var record = latch.Get(FaultId.CellOverVoltage);
        Assert.True(record.Latched);
        Assert.Equal(4261f, record.Value);
        Assert.Equal(1, record.Index);
        Assert.Equal(50, record.TimeMs);
    }

    [Fact]
    public void OneSampleBackInsideRestartsTheDebounce()
    {
        var (monitor, latch, sample) = Build(debounceMs: 50);

        for (int i = 0; i < 4; i++)
            Feed(monitor, sample, 4260f);
        Feed(monitor, sample, 4249f);
        for (int i = 0; i < 4; i++)
            Feed(monitor, sample, 4260f);

        Assert.False(latch.AnyLatched);
        Feed(monitor, sample, 4260f);
        Assert.True(latch.AnyLatched);
    }

    [Fact]
    public void SamplesWithAFailedInputDoNotCountTowardsTheDebounce()
    {
        var (monitor, latch, sample) = Build(debounceMs: 30);

        Feed(monitor, sample, 4300f);
        Feed(monitor, sample, 4300f);
        sample.CellsValid = false;
        for (int i = 0; i < 10; i++)
            Feed(monitor, sample, 4300f);
        Assert.False(latch.AnyLatched);

        sample.CellsValid = true;
        Feed(monitor, sample, 4300f);
        Assert.True(latch.AnyLatched);
    }

    [Fact]
    public void ConditionStaysActiveUntilPastTheClearThreshold()
    {
        var (monitor, latch, sample) = Build(debounceMs: 0);
        Feed(monitor, sample, 4300f);
        var record = latch.Get(FaultId.CellOverVoltage);
        Assert.True(record.ConditionActive);

        // Between clear (4150) and trip (4250): hysteresis keeps the condition.
        Feed(monitor, sample, 4200f);
        Assert.True(record.ConditionActive);
        Assert.Equal(1, latch.ClearInactive());

        Feed(monitor, sample, 4150f);
        Assert.False(record.ConditionActive);
        Assert.True(record.Latched, "a fault stays latched until someone clears it");
        Assert.Equal(0, latch.ClearInactive());
        Assert.False(record.Latched);
    }

    [Fact]
    public void LowerLimitsTripBelowAndClearAbove()
    {
        var profile = ProfilePresets.Nmc(2, 1, 3f, 100);
        profile.Limits = [new LimitRule(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, 2500f, 2800f, 0)];
        var latch = new FaultLatch();
        var monitor = new LimitMonitor(profile, latch);
        var sample = new Sample(2, 1) { CellsValid = true, MinCellMillivolts = 2600f };

        monitor.Evaluate(sample);
        Assert.False(latch.AnyLatched);
        sample.MinCellMillivolts = 2499f;
        monitor.Evaluate(sample);
        Assert.True(latch.AnyLatched);
        sample.MinCellMillivolts = 2700f;
        monitor.Evaluate(sample);
        Assert.True(latch.Get(FaultId.CellUnderVoltage).ConditionActive);
        sample.MinCellMillivolts = 2800f;
        monitor.Evaluate(sample);
        Assert.False(latch.Get(FaultId.CellUnderVoltage).ConditionActive);
    }

    [Fact]
    public void ChargeUnderTemperatureOnlyTripsWhileCharging()
    {
        var profile = ProfilePresets.Nmc(2, 1, 3f, 100);
        profile.Limits = [new LimitRule(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, 0f, 3f, 0)];
        var latch = new FaultLatch();
        var monitor = new LimitMonitor(profile, latch);
        var sample = new Sample(2, 1) { CellsValid = true, TemperaturesValid = true, CurrentValid = true, MinCelsius = -5f, PackAmps = -2f };

        monitor.Evaluate(sample);
        Assert.False(latch.AnyLatched, "discharging in the cold is allowed");
        sample.PackAmps = 1f;
        monitor.Evaluate(sample);
        Assert.True(latch.AnyLatched);
    }

    [Theory]
    [InlineData(50, 10, 5)]
    [InlineData(50, 100, 1)]
    [InlineData(55, 10, 6)]
    [InlineData(0, 10, 1)]
    public void DebounceConvertsToWholeSamplesRoundingUp(int debounceMs, int periodMs, int samples)
    {
        var rule = new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 1f, 0f, debounceMs);
        Assert.Equal(samples, rule.DebounceSamples(periodMs));
    }
}
