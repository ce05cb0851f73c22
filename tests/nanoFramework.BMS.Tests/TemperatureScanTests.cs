using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// The round-robin temperature scan (PackSampler.ThermistorsPerCycle): each sensor is read at its
/// turn, and the published extremes are never inside the extremes of the sensors' latest
/// readings, and equal to them whenever a scan completes.
/// </summary>
public class TemperatureScanTests
{
    [Theory]
    [InlineData(16, 8, 100, 1)]
    [InlineData(16, 8, 10, 8)]
    [InlineData(4, 2, 100, 1)]
    [InlineData(8, 5, 50, 1)]
    [InlineData(8, 8, 20, 4)]
    public void SensorsPerCycleFollowTheScanPeriod(int cells, int thermistors, int rateHz, int perCycle)
    {
        var profile = ProfilePresets.Nmc(cells, thermistors, 3f, rateHz);
        Assert.Equal(100, profile.Safety.TemperatureScanMs);
        Assert.Equal(perCycle, PackSampler.ThermistorsPerCycle(profile));
        Assert.True(PackSampler.TemperatureScanCycles(profile) * profile.PeriodMs <= profile.Safety.TemperatureScanMs || perCycle == thermistors);
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
        // The first cycle read every sensor; from the second on, one a cycle from sensor 1.
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
                Assert.Equal(sample.MaxCelsius, latest[sample.MaxCelsiusIndex]);
                Assert.Equal(sample.MinCelsius, latest[sample.MinCelsiusIndex]);
                Assert.Equal(latest.Max(), sample.MaxCelsius);
                Assert.Equal(latest.Min(), sample.MinCelsius);
            }
        }
    }
}
