using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>Simulated monotonic time, advanced by the simulator, never by the wall clock.</summary>
public sealed class VirtualClock : IClock
{
    public long NowMs { get; set; }
}
