using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// The round-robin temperature scan (PackSampler.ThermistorsPerCycle): each sensor is read at its
/// turn, at least every SafetyParameters.TemperatureScanMs; the published extremes are never
/// inside the extremes of the sensors' latest readings, and equal to them whenever a scan
/// completes; a port that throws half-way through a scan leaves nothing out of step.
/// </summary>
public class TemperatureScanTests
{
    [Fact]
    public void EverySensorIsReadAtLeastEveryScanPeriodAtEveryRateAndCount()
    {
        for (int rateHz = PackProfile.MinSampleRateHz; rateHz <= PackProfile.MaxSampleRateHz; rateHz++)
        {
            for (int sensors = PackProfile.MinThermistors; sensors <= PackProfile.MaxThermistors; sensors++)
            {
                var profile = ProfilePresets.Nmc(4, sensors, 3f, rateHz);
                int perCycle = PackSampler.ThermistorsPerCycle(profile);
                int cycles = PackSampler.TemperatureScanCycles(profile);
                Assert.InRange(perCycle, 1, sensors);
                Assert.True(cycles * profile.PeriodMs <= SafetyParameters.TemperatureScanMs || perCycle == sensors,
                    $"{sensors} sensors at {rateHz} Hz: {perCycle} a cycle, a scan of {cycles} cycles of {profile.PeriodMs} ms");
            }
        }

        Assert.Equal(1, PackSampler.ThermistorsPerCycle(ProfilePresets.Nmc(16, 8, 3f, 100)));
        Assert.Equal(8, PackSampler.ThermistorsPerCycle(ProfilePresets.Nmc(16, 8, 3f, 10)));
    }

    [Fact]
    public void TheExtremesAreNeverInsideTheLatestReadingsAndExactAtTheEndOfEachScan()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(16, 8, 3f, 100));
        var random = new Random(5);
        var latest = new float[8];
        board.Step();
        for (int i = 0; i < 8; i++)
            latest[i] = NtcTable.CountsToCelsius(FakeBoard.RoomTemperatureCounts);

        // The first cycle read every sensor; from the second on, one a cycle from sensor 0.
        int cycle = 0;
        for (int n = 0; n < 400; n++)
        {
            for (int i = 0; i < 8; i++)
                board.Thermistors.Counts[i] = 1500 + random.Next(1200);
            int read = cycle % 8;
            latest[read] = NtcTable.CountsToCelsius(board.Thermistors.Counts[read]);
            board.Step();
            cycle++;

            var sample = board.Firmware.Sample;
            Assert.Equal(latest, sample.Celsius);
            Assert.True(sample.MaxCelsius >= latest.Max());
            Assert.True(sample.MinCelsius <= latest.Min());
            if (read == 7)
            {
                Assert.Equal(latest.Max(), sample.MaxCelsius);
                Assert.Equal(latest.Min(), sample.MinCelsius);
                Assert.Equal(sample.MaxCelsius, latest[sample.MaxCelsiusIndex]);
                Assert.Equal(sample.MinCelsius, latest[sample.MinCelsiusIndex]);
            }
        }
    }

    [Fact]
    public void AThrowHalfWayThroughTheFirstScanStillLeavesAHotSensorTripping()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(16, 8, 3f, 100));
        board.Thermistors.ThrowOnceAt = 3;
        board.Step();
        Assert.True(board.Firmware.Faults.Get(FaultId.InternalError).Latched);
        board.Step(20);
        Assert.Equal(0, board.Firmware.ClearFaults());
        Assert.Null(board.Close());
        Assert.True(board.Contactor.Energised);

        board.Thermistors.Counts[5] = FakeBoard.ThermistorCounts(80f);
        board.Step(300);
        Assert.True(board.Firmware.Faults.Get(FaultId.OverTemperature).Latched);
        Assert.Equal(5, board.Firmware.Faults.Get(FaultId.OverTemperature).Index);
        Assert.False(board.Contactor.Energised);
    }

    [Fact]
    public void AThrowInTheCycleASensorFailsStillLatchesTheLostSensor()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(4, 4, 3f, 10));
        board.Step();
        Assert.False(board.Firmware.Faults.AnyLatched);

        // The second reading of sensor 1 fails, and in the same cycle the port throws at sensor 2.
        board.Thermistors.Counts[1] = -1;
        board.Thermistors.ThrowOnceAt = 2;
        board.Step();
        Assert.True(board.Firmware.Faults.Get(FaultId.InternalError).Latched);
        board.Step(5);
        var lost = board.Firmware.Faults.Get(FaultId.ThermistorAdcLost);
        Assert.True(lost.Latched);
        Assert.Equal(1, lost.Index);
        Assert.False(board.Firmware.Sample.TemperaturesValid);
    }

    [Fact]
    public void EverySensorsRiseIsComputedWhenCyclesRunSlowerThanTheirPeriod()
    {
        var profile = ProfilePresets.Nmc(16, 8, 3f, 100);
        profile.Safety.CycleOverrunPeriods = 5;
        var board = new FakeBoard(profile);
        board.Step();
        float celsius = 25f;
        for (int n = 0; n < 500; n++)
        {
            // 36 ms a cycle: more than a 250 ms slot's worth of rounds of eight sensors; the
            // debounce counts 300 samples of the rise above 1 °C/s.
            board.Clock.NowMs += 36;
            celsius += 1.5f * 0.036f;
            board.Thermistors.Counts[7] = FakeBoard.ThermistorCounts(celsius);
            board.Firmware.RunCycle();
        }

        Assert.False(board.Firmware.Faults.Get(FaultId.CycleOverrun).Latched);
        var latched = Enum.GetValues<FaultId>().Where(f => f != FaultId.None && board.Firmware.Faults.Get(f).Latched).ToList();
        Assert.True(board.Firmware.Faults.Get(FaultId.ThermalRunaway).Latched, $"rise {board.Firmware.Sample.MaxRiseCelsiusPerSecond} at {board.Firmware.Sample.MaxRiseIndex}; latched: {string.Join(", ", latched)}");
        Assert.Equal(7, board.Firmware.Faults.Get(FaultId.ThermalRunaway).Index);
    }

    /// <summary>
    /// A rise just above the runaway limit trips within its documented worst case at rates whose
    /// period does not divide the 250 ms slot, and where a cycle reads a few sensors.
    /// </summary>
    [Theory]
    [InlineData(12, 2)]
    [InlineData(10, 2)]
    [InlineData(33, 8)]
    [InlineData(25, 8)]
    [InlineData(27, 5)]
    [InlineData(100, 8)]
    public void ARiseJustAboveTheLimitTripsWithinItsWorstCase(int rateHz, int sensors)
    {
        var profile = ProfilePresets.Nmc(4, sensors, 3f, rateHz);
        long worstMs = nanoFramework.BMS.Sim.Safety.ReactionBudget.WorstCaseMs(profile, FaultId.ThermalRunaway)!.Value;
        long latestMs = 0;

        // The ramp starts at every phase of the 250 ms slot grid and of the scan.
        int phases = 500 / profile.PeriodMs + 1;
        for (int phase = 0; phase < phases; phase++)
        {
            var board = new FakeBoard(profile);
            board.Step(3 * rateHz + phase);
            long startMs = board.Clock.NowMs;
            var fault = board.Firmware.Faults.Get(FaultId.ThermalRunaway);
            while (!fault.Latched && board.Clock.NowMs - startMs < 20_000)
            {
                double seconds = (board.Clock.NowMs + profile.PeriodMs - startMs) / 1000.0;
                board.Thermistors.Counts[sensors - 1] = FakeBoard.ThermistorCounts(25 + 1.1 * seconds);
                board.Step();
            }

            Assert.True(fault.Latched);
            latestMs = Math.Max(latestMs, fault.TimeMs - startMs);
        }

        Assert.InRange(latestMs, 3000, worstMs);
    }

    [Theory]
    [InlineData(100, 3)]
    [InlineData(33, 0)]
    [InlineData(33, 1)]
    [InlineData(33, 2)]
    [InlineData(33, 3)]
    [InlineData(33, 4)]
    [InlineData(33, 5)]
    [InlineData(33, 6)]
    [InlineData(33, 7)]
    public void ARoundRobinSensorsRiseIsMeasuredWithoutTheBiasOfItsReadingsAges(int rateHz, int sensor)
    {
        var profile = ProfilePresets.Nmc(16, 8, 3f, rateHz);
        var board = new FakeBoard(profile);
        board.Step();
        var rises = new List<float>();
        double celsius = 20;
        for (int n = 0; n < 6 * rateHz; n++)
        {
            // 3 °C/s on one sensor: fast enough that the table's steps (about 0.03 °C) make under
            // 2.5 % of a second's rise, where readings of unequal ages made up to 4-5 % (at 33 Hz
            // a cycle reads three of the eight sensors).
            celsius += 3.0 * profile.PeriodMs / 1000;
            board.Thermistors.Counts[sensor] = FakeBoard.ThermistorCounts(celsius);
            board.Step();
            if (n > 2 * rateHz && board.Firmware.Sample.MaxRiseIndex == sensor)
                rises.Add(board.Firmware.Sample.MaxRiseCelsiusPerSecond);
        }

        Assert.True(rises.Count > 3 * rateHz);
        Assert.InRange(rises.Min(), 3 * 0.975f, 3f);
        Assert.InRange(rises.Max(), 3f, 3 * 1.025f);
    }
}
