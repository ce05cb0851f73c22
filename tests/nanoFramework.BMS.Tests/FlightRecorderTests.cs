using nanoFramework.BMS.FlightRecorder;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class FlightRecorderTests
{
    [Fact]
    public void ATripIsRecordedWithASnapshotOfThePack()
    {
        var board = new FakeBoard();
        board.Step();
        board.Close();
        board.Cells.Counts[2] = FakeBoard.CellCounts(4400);
        board.Step(150);

        var log = board.Firmware.Log;
        var entry = new LogEntry();
        var kinds = Enumerable.Range(1, log.NextSequence - 1).Select(n => { Assert.True(log.ReadSequence(n, entry)); return entry.Kind; }).ToList();
        Assert.Equal([EventKind.Restart, EventKind.ContactorChanged, EventKind.FaultRaised, EventKind.ContactorChanged], kinds);

        Assert.True(log.ReadSequence(3, entry));
        Assert.Equal((int)FaultId.CellOverVoltage, entry.Code);
        Assert.Equal(2, entry.Index);
        Assert.True(entry.HasSnapshot);
        Assert.Equal(4, entry.CellCount);
        Assert.InRange(entry.CellMillivolts[2], 4398, 4401);
        Assert.InRange(entry.CellMillivolts[0], 3698, 3701);
        Assert.Equal(2, entry.ThermistorCount);
        Assert.InRange(entry.DeciCelsius[0], 245, 255);
    }

    [Fact]
    public void TheRingKeepsTheNewest64AndContinuesAfterARestart()
    {
        var storage = new FakeStorage();
        var log = new EventLog(storage);
        for (int i = 0; i < 100; i++)
            log.Append(EventKind.Login, 0, i, -1, 1000 + i, null, 0);

        var reopened = new EventLog(storage);
        Assert.Equal(101, reopened.NextSequence);
        var entry = new LogEntry();
        Assert.False(reopened.ReadSequence(36, entry), "entry 36 was overwritten by entry 100");
        Assert.True(reopened.ReadSequence(37, entry));
        Assert.Equal(1036, entry.TimeMs);
        Assert.True(reopened.ReadSequence(100, entry));
        Assert.Equal(99f, entry.Value);
    }

    [Fact]
    public void EverySlotHasItsOwnNameInOrder()
    {
        Assert.Equal(EventLog.Capacity, EventLogNames.Slot.Length);
        for (int slot = 0; slot < EventLog.Capacity; slot++)
            Assert.Equal($"log.{slot:00}", EventLogNames.Slot[slot]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APowerLossAtAnyByteOfAnAppendKeepsEveryCompletedEntry(bool keepOldTail)
    {
        for (int cut = 0; cut < 84; cut++)
        {
            var inner = new FakeStorage();
            var torn = new TornStorage(inner) { KeepOldTail = keepOldTail };
            var log = new EventLog(torn);
            for (int i = 0; i < 70; i++)
                log.Append(EventKind.FaultRaised, 1, i, -1, i, null, 0);

            torn.TearNextWriteAt(cut);
            log.Append(EventKind.FaultCleared, 1, 70, -1, 70, null, 0);

            var reopened = new EventLog(inner);
            var entry = new LogEntry();
            for (int sequence = 8; sequence <= 70; sequence++)
            {
                Assert.True(reopened.ReadSequence(sequence, entry), $"entry {sequence} lost by a tear at byte {cut}");
                Assert.Equal(sequence - 1, entry.TimeMs);
            }

            // The torn entry is never read as something it is not.
            if (reopened.ReadSequence(71, entry))
                Assert.Equal(EventKind.FaultCleared, entry.Kind);
        }
    }
}
