using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Tests;

public class LimitMonitorTests
{
    private const int PeriodMs = 10;

    /// <summary>A profile whose table holds only the given rows.</summary>
    private static (LimitMonitor Monitor, FaultLatch Latch, Sample Sample) Build(params LimitRule[] rules)
    {
        var profile = ProfilePresets.Nmc(2, 1, 3f, 100);
        profile.Limits = rules;
        var latch = new FaultLatch();
        var sample = new Sample(2, 1) { CellsValid = true, TemperaturesValid = true, CurrentValid = true, MaxCelsius = 25, MinCelsius = 25 };
        return (new LimitMonitor(profile, latch), latch, sample);
    }

    private static LimitRule OverVoltage(int debounceMs) =>
        new(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Maximum, 4250f, 100f, debounceMs);

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
        var (monitor, latch, sample) = Build(OverVoltage(debounceMs: 50));

        for (int i = 0; i < 4; i++)
        {
            Feed(monitor, sample, 4260f);
            Assert.False(latch.AnyLatched, $"tripped after {i + 1} of 5 samples");
        }

        Feed(monitor, sample, 4261f, cell: 1);
        var record = latch.Get(FaultId.CellOverVoltage);
        Assert.True(record.Latched);
        Assert.Equal(4261f, record.Value);
        Assert.Equal("mV", record.Unit);
        Assert.Equal(1, record.Index);
        Assert.Equal(50, record.TimeMs);
    }

    [Fact]
    public void OneSampleBackInsideRestartsTheDebounce()
    {
        var (monitor, latch, sample) = Build(OverVoltage(debounceMs: 50));

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
        var (monitor, latch, sample) = Build(OverVoltage(debounceMs: 30));

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
    public void ConditionStaysActiveUntilPastTheClearValue()
    {
        var (monitor, latch, sample) = Build(OverVoltage(debounceMs: 0));
        Feed(monitor, sample, 4300f);
        var record = latch.Get(FaultId.CellOverVoltage);
        Assert.True(record.ConditionActive);

        // Between clear (4150) and trip (4250): hysteresis keeps the condition.
        Feed(monitor, sample, 4200f);
        Assert.True(record.ConditionActive);
        Assert.Equal(1, latch.ClearInactive(atConsole: false));

        Feed(monitor, sample, 4150f);
        Assert.False(record.ConditionActive);
        Assert.True(record.Latched, "a fault stays latched until someone clears it");
        Assert.Equal(0, latch.ClearInactive(atConsole: false));
        Assert.False(record.Latched);
    }

    [Fact]
    public void LowerLimitsTripBelowAndClearAbove()
    {
        var (monitor, latch, sample) = Build(new LimitRule(FaultId.CellUnderVoltage, Quantity.MinCellMillivolts, Tier.Maximum, 2500f, 300f, 0));
        sample.MinCellMillivolts = 2600f;

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
    public void ChargeWindowRowsOnlyTripWhileCharging()
    {
        var (monitor, latch, sample) = Build(new LimitRule(FaultId.ChargeUnderTemperature, Quantity.MinCelsiusWhileCharging, Tier.Maximum, 0f, 3f, 0));
        sample.MinCelsius = -5f;
        sample.PackAmps = -2f;

        monitor.Evaluate(sample);
        Assert.False(latch.AnyLatched, "discharging in the cold is allowed");
        sample.PackAmps = 1f;
        monitor.Evaluate(sample);
        Assert.True(latch.AnyLatched);
    }

    [Fact]
    public void OperatingAndRecommendedTiersWarnAndAlarmWithoutLatching()
    {
        var (monitor, latch, sample) = Build(
            new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Operating, 4180f, 50f, 0),
            new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Recommended, 4220f, 50f, 0),
            new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, Tier.Maximum, 4250f, 50f, 0));

        Feed(monitor, sample, 4190f);
        Assert.Equal((1, 0), (monitor.Warnings, monitor.Alarms));
        Feed(monitor, sample, 4230f);
        Assert.Equal((1, 1), (monitor.Warnings, monitor.Alarms));
        Assert.False(latch.AnyLatched);

        // Hysteresis on the way down: 4200 is below the recommended limit but above its clear value (4170).
        Feed(monitor, sample, 4200f);
        Assert.Equal((1, 1), (monitor.Warnings, monitor.Alarms));
        Feed(monitor, sample, 4160f);
        Assert.Equal((1, 0), (monitor.Warnings, monitor.Alarms));
        Feed(monitor, sample, 4120f);
        Assert.Equal((0, 0), (monitor.Warnings, monitor.Alarms));

        Feed(monitor, sample, 4260f);
        Assert.True(latch.Get(FaultId.CellOverVoltage).Latched);
    }

    [Fact]
    public void SensorChecksNameTheSensorAndTheCause()
    {
        var (monitor, latch, sample) = Build(LimitRule.SensorCheck(FaultId.CurrentSensorLost, Quantity.CurrentSensorFailed, 20));
        sample.CurrentValid = false;
        sample.CurrentStatus = Ports.CurrentSensorStatus.Timeout;

        monitor.Evaluate(sample);
        Assert.False(latch.AnyLatched);
        monitor.Evaluate(sample);
        var record = latch.Get(FaultId.CurrentSensorLost);
        Assert.True(record.Latched);
        Assert.Equal("timeout", record.Detail);
    }

    [Theory]
    [InlineData(50, 10, 5)]
    [InlineData(50, 100, 1)]
    [InlineData(55, 10, 6)]
    [InlineData(0, 10, 1)]
    public void DebounceConvertsToWholeSamplesRoundingUp(int debounceMs, int periodMs, int samples)
    {
        Assert.Equal(samples, OverVoltage(debounceMs).DebounceSamples(periodMs));
    }
}
