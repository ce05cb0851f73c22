using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;

namespace nanoFramework.BMS.Tests;

/// <summary>The board's fault hooks as the firmware's ports see them.</summary>
public class SimFaultHookTests
{
    private static SimBoard ClosedBoard()
    {
        var board = new SimBoard(new SimBoardConfig { Cells = 4, Thermistors = 2, SampleRateHz = 100, Seed = 3 });
        board.Pack.Load = new ConstantCurrentLoad(-3);
        board.Step();
        Assert.Null(board.Firmware.RequestClose());
        board.RunFor(1000);
        return board;
    }

    [Fact]
    public void AStoppedConverterReadsAsNotUpdatedAndAStuckBusAsABusError()
    {
        var board = ClosedBoard();
        Assert.Equal(CurrentSensorStatus.Ok, board.Firmware.Sample.CurrentStatus);

        board.Ina219.Failure = I2cFailure.ConversionsStopped;
        board.Step();
        // The conversion of the step before the stop is still unread once; after that nothing new.
        board.Step();
        Assert.Equal(CurrentSensorStatus.NotUpdated, board.Firmware.Sample.CurrentStatus);

        board.Ina219.Failure = I2cFailure.StuckBus;
        board.Step();
        Assert.Equal(CurrentSensorStatus.BusError, board.Firmware.Sample.CurrentStatus);
    }

    [Fact]
    public void AFrozenChipStillLooksFreshSoOnlyTheStuckCheckCanTell()
    {
        var board = ClosedBoard();
        board.Ina219.Failure = I2cFailure.Frozen;
        board.RunFor(100);
        Assert.Equal(CurrentSensorStatus.Ok, board.Firmware.Sample.CurrentStatus);
        Assert.True(board.Firmware.Sample.CurrentUnchanged);
    }

    [Fact]
    public void ClockJitterVariesThePeriodWithinItsBound()
    {
        var board = ClosedBoard();
        board.PeriodJitterMs = 4;
        var periods = new HashSet<long>();
        for (int i = 0; i < 500; i++)
        {
            long before = board.NowMs;
            board.Step();
            periods.Add(board.NowMs - before);
        }

        Assert.Equal(Enumerable.Range(6, 9).Select(p => (long)p).ToHashSet(), periods);
        Assert.False(board.Firmware.Faults.AnyLatched);
    }

    [Fact]
    public void AStuckCellChannelRepeatsItsLastConversion()
    {
        var board = ClosedBoard();
        int last = board.CellAdc.ReadCounts(1);
        board.CellAdc.Stick(1);
        board.RunFor(60_000);
        Assert.Equal(last, board.CellAdc.ReadCounts(1));
        Assert.NotEqual(last, board.CellAdc.ReadCounts(0));
    }
}
