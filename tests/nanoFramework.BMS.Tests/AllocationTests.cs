using System.Text;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// The control cycle must not allocate after start-up: on the ESP32 a garbage collection stops
/// every managed thread, the control loop included. Measured on ports that allocate nothing
/// themselves, so every byte counted is the firmware's.
/// </summary>
public class AllocationTests
{
    [Theory]
    [InlineData(4, 2, 10)]
    [InlineData(16, 8, 100)]
    public void TenThousandCyclesAfterWarmUpAllocateNothing(int cells, int thermistors, int rateHz)
    {
        var board = new FakeBoard(ProfilePresets.Nmc(cells, thermistors, 3f, rateHz));
        board.Current.Amps = 1.5f;
        // A technician typing all the while: every command, a bad one and noise.
        board.Console.Feed(Encoding.ASCII.GetBytes("status\ncells\nfaults\nhelp\nbogus\ncontactor close\nclear\n\u00ff\n"), repeat: true);
        board.Step(2_000);

        long allocated = ThreadAllocations.Fewest(() => board.Step(10_000));

        Assert.Equal(0, allocated);
        Assert.True(board.Uplink.Count >= 10_000 / rateHz, "telemetry must have been encoded during the measurement");
        Assert.True(board.Console.Writes > 1000, "the console must have answered during the measurement");
    }

    [Fact]
    public void TrippingAndAlertingAllocatesNothingEither()
    {
        var board = new FakeBoard(ProfilePresets.Nmc(16, 8, 3f, 100));
        board.Step(200);
        board.Firmware.RequestClose();

        int overVoltageCounts = FakeBoard.CellCounts(4400);
        long before = GC.GetAllocatedBytesForCurrentThread();
        board.Cells.Counts[5] = overVoltageCounts;
        board.Step(50);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(board.Firmware.Faults.Get(FaultId.CellOverVoltage).Latched);
        Assert.Equal(board.Firmware.AlertTopic, board.Uplink.LastTopic);
        Assert.True(board.Storage.Blob(FaultStore.BlobName).Length > 2, "the trip must have been persisted");
        Assert.Equal(0, allocated);
    }
}
