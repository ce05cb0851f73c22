using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class FaultPersistenceTests
{
    [Fact]
    public void LatchedFaultsSurviveARestartWithTheirEvidence()
    {
        var board = new FakeBoard();
        board.Cells.Counts[3] = FakeBoard.CellCounts(4400);
        board.Step(10);
        var before = board.Firmware.Faults.Get(FaultId.CellOverVoltage);
        Assert.True(before.Latched);

        // A reboot with the condition gone: the fault is still latched and the contactor refuses.
        board.Cells.Counts[3] = FakeBoard.NormalCellCounts;
        var restarted = new FakeBoard(board.Profile, board.Storage);
        var after = restarted.Firmware.Faults.Get(FaultId.CellOverVoltage);

        Assert.True(after.Latched);
        Assert.Equal(before.Value, after.Value, 2);
        Assert.Equal(3, after.Index);
        Assert.Equal(before.TimeMs, after.TimeMs);
        Assert.NotNull(restarted.Firmware.RequestClose());

        // It must be seen gone after the restart before a clear works.
        restarted.Step();
        Assert.Equal(0, restarted.Firmware.ClearFaults());
        var third = new FakeBoard(board.Profile, board.Storage);
        Assert.False(third.Firmware.Faults.AnyLatched, "a clear is persisted too");
    }

    [Fact]
    public void ADamagedFaultBlobIsItselfAFault()
    {
        var board = new FakeBoard();
        board.Cells.Counts[0] = FakeBoard.CellCounts(4400);
        board.Step(10);
        board.Storage.Corrupt(FaultStore.BlobName, 5);

        var restarted = new FakeBoard(board.Profile, board.Storage);

        Assert.True(restarted.Firmware.Faults.Get(FaultId.StoredFaultsUnreadable).Latched);
        Assert.NotNull(restarted.Firmware.RequestClose());
    }
}

public class EventFaultTests
{
    [Fact]
    public void AnInternalErrorSurvivesARestartAndCanThenBeCleared()
    {
        var board = new FakeBoard();
        var ports = board.Ports();
        ports.Clock = new ThrowingClockAfterStart(board.Clock);
        board.Firmware = new PackController(board.Profile, ports);
        board.Step();
        Assert.True(board.Firmware.Faults.Get(FaultId.InternalError).Latched);

        var restarted = new FakeBoard(board.Profile, board.Storage);
        Assert.True(restarted.Firmware.Faults.Get(FaultId.InternalError).Latched);
        restarted.Step();
        Assert.Equal(0, restarted.Firmware.ClearFaults());
    }

    private sealed class ThrowingClockAfterStart(FakeClock inner) : Ports.IClock
    {
        private int _reads;

        public long NowMs => ++_reads > 1 ? throw new TimeoutException("clock gone") : inner.NowMs;
    }
}
