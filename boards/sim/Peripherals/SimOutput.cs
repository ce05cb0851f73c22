using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>A GPIO driving a relay coil of the pack model.</summary>
public sealed class SimOutput(Action<bool> drive) : IDigitalOutput
{
    public bool Energised { get; private set; }

    public void Write(bool energised)
    {
        Energised = energised;
        drive(energised);
    }
}
