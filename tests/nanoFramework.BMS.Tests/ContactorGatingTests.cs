using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class ContactorGatingTests
{
    [Fact]
    public void OutputsAreDrivenOpenAtStartUp()
    {
        var board = new FakeBoard();

        Assert.False(board.Contactor.Energised);
        Assert.False(board.Precharge.Energised);
        Assert.True(board.Contactor.Writes > 0, "the firmware must drive the output, not trust the reset state");
        Assert.Equal(ContactorState.Open, board.Firmware.ContactorState);
    }

    [Fact]
    public void ClosesOnRequestWithoutFaults()
    {
        var board = new FakeBoard();
        board.Step(5);

        Assert.Null(board.Firmware.RequestClose());
        Assert.Equal(ContactorState.Precharging, board.Firmware.ContactorState);
        Assert.True(board.Precharge.Energised);
        Assert.False(board.Contactor.Energised);
        board.Step();
        Assert.True(board.Contactor.Energised);
        Assert.False(board.Precharge.Energised, "precharge drops once the main contactor carries the current");
        Assert.Equal(ContactorState.Closed, board.Firmware.ContactorState);
    }

    [Fact]
    public void AFaultOpensTheContactorAndCloseIsRefusedWhileLatched()
    {
        var board = new FakeBoard();
        board.Step();
        board.Close();

        board.Cells.Counts[2] = FakeBoard.CellCounts(4400);
        board.Step(10);

        Assert.False(board.Contactor.Energised);
        Assert.Equal(ContactorControl.RefusedFaultLatched, board.Firmware.RequestClose());
        Assert.False(board.Contactor.Energised);

        // The condition is still there: clearing must not unlatch.
        Assert.Equal(1, board.Firmware.ClearFaults());
        Assert.Equal(ContactorControl.RefusedFaultLatched, board.Firmware.RequestClose());

        board.Cells.Counts[2] = FakeBoard.NormalCellCounts;
        board.Step(200);
        Assert.False(board.Contactor.Energised, "the condition going away must not close anything by itself");
        Assert.Equal(0, board.Firmware.ClearFaults());
        Assert.Null(board.Close());
        Assert.True(board.Contactor.Energised);
    }

    [Fact]
    public void LostCurrentSensorOpensTheContactor()
    {
        var board = new FakeBoard();
        board.Step();
        board.Close();

        board.Current.Status = Ports.CurrentSensorStatus.NoAcknowledge;
        board.Step(3);

        Assert.False(board.Contactor.Energised);
        Assert.True(board.Firmware.Faults.Get(FaultId.CurrentSensorLost).Latched);
        Assert.Equal("no_acknowledge", board.Firmware.Faults.Get(FaultId.CurrentSensorLost).Detail);
    }

    [Fact]
    public void AFailedAdcChannelIsASensorFaultNamingTheChannel()
    {
        var board = new FakeBoard();
        board.Step();
        board.Close();

        // The sensor is read at its turn in the temperature scan, at most a scan later.
        board.Thermistors.Counts[1] = -1;
        board.Step(3 + PackSampler.TemperatureScanCycles(board.Profile) - 1);

        var record = board.Firmware.Faults.Get(FaultId.ThermistorAdcLost);
        Assert.True(record.Latched);
        Assert.Equal(1, record.Index);
        Assert.False(board.Contactor.Energised);
    }

    [Fact]
    public void AnExceptionInTheCycleOpensTheContactorAndLatchesItsType()
    {
        var profile = ProfilePresets.Nmc(4, 2, 3f, 100);
        var board = new FakeBoard(profile);
        board.Step();

        // A port that throws: the firmware must not let it escape, and must fail safe.
        var ports = board.Ports();
        ports.CellInputs = new ThrowingInputs();
        var firmware = new PackController(profile, ports);
        board.Firmware = firmware;
        Assert.Null(firmware.RequestClose());
        board.Step();

        var record = firmware.Faults.Get(FaultId.InternalError);
        Assert.True(record.Latched);
        Assert.Equal(nameof(InvalidOperationException), record.Detail);
        Assert.False(board.Contactor.Energised);
        Assert.NotNull(firmware.RequestClose());
    }

    private sealed class ThrowingInputs : Ports.IAnalogInputs
    {
        public int ReadCounts(int channel) => throw new InvalidOperationException("ADC driver crashed");
    }
}
