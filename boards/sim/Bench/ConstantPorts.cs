using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Bench;

/// <summary>
/// Ports that answer instantly with fixed, healthy values: the firmware's control cycle timed
/// without any simulation behind it, the floor under the simulated board's step.
/// </summary>
public sealed class ConstantPorts : IAnalogInputs, ICurrentSensor, IClock, IDigitalOutput, IUplink, IConsolePort, IStorage, IWatchdog
{
    private readonly int _counts;
    private readonly float _packMillivolts;

    public ConstantPorts(int cellCounts, float packMillivolts)
    {
        _counts = cellCounts;
        _packMillivolts = packMillivolts;
    }

    public long NowMs { get; set; }

    public int ReadCounts(int channel) => _counts;

    public CurrentSensorStatus Read(out float packAmps, out float packMillivolts)
    {
        // A live reading changes in its last bit every time, as a real shunt's does.
        packAmps = (NowMs & 1) == 0 ? -1.5f : -1.501f;
        packMillivolts = _packMillivolts;
        return CurrentSensorStatus.Ok;
    }

    public void Write(bool energised)
    {
    }

    public bool Publish(string topic, byte[] payload, int length) => true;

    public int Read(byte[] buffer, int offset, int count) => 0;

    public void Write(byte[] buffer, int offset, int count)
    {
    }

    public int Read(string name, byte[] buffer) => -1;

    public bool Write(string name, byte[] buffer, int length) => true;

    public void Feed()
    {
    }

    public BoardPorts Ports() => new()
    {
        Clock = this,
        CellInputs = this,
        ThermistorInputs = this,
        CurrentSensor = this,
        LinkVoltageInput = this,
        Contactor = this,
        Precharge = this,
        Uplink = this,
        Console = this,
        Storage = this,
        Watchdog = this,
    };
}
