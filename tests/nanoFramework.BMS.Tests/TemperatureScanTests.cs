using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
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

    /// <summary>A thermistor port that throws once, at the given reading of a channel.</summary>
    private sealed class ThrowOnce(FakeAnalogInputs inner, int channel, int atReading) : IAnalogInputs
    {
        private int _readings;

        public int ReadCounts(int c)
        {
            if (c == channel && ++_readings == atReading)
                throw new InvalidOperationException("bus glitch");
            return inner.ReadCounts(c);
        }
    }

    [Fact]
    public void AThrowHalfWayThroughTheFirstScanStillLeavesAHotSensorTripping()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(16, 8, 3f, 100));
        var ports = board.Ports();
        ports.ThermistorInputs = new ThrowOnce(board.Thermistors, 3, 1);
        board.Firmware = new PackController(board.Profile, ports);
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
        var ports = board.Ports();
        var throwing = new ThrowOnce(board.Thermistors, 2, 2);
        ports.ThermistorInputs = throwing;
        board.Firmware = new PackController(board.Profile, ports);
        board.Step();
        Assert.False(board.Firmware.Faults.AnyLatched);

        // The second reading of sensor 1 fails, and in the same cycle the port throws at sensor 2.
        board.Thermistors.Counts[1] = -1;
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

    [Fact]
    public void ARoundRobinSensorsRiseIsMeasuredWithoutTheBiasOfItsReadingsAges()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(16, 8, 3f, 100));
        board.Step();
        var rises = new List<float>();
        double celsius = 20;
        for (int n = 0; n < 1000; n++)
        {
            // 0.5 °C/s, below the runaway limit, on sensor 3 alone.
            celsius += 0.5 * 0.01;
            board.Thermistors.Counts[3] = FakeBoard.ThermistorCounts(celsius);
            board.Step();
            if (n > 200 && board.Firmware.Sample.MaxRiseIndex == 3)
                rises.Add(board.Firmware.Sample.MaxRiseCelsiusPerSecond);
        }

        Assert.NotEmpty(rises);
        Assert.InRange(rises.Min(), 0.485f, 0.5f);
        Assert.InRange(rises.Max(), 0.5f, 0.515f);
    }
}
