using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>The load-side voltage through a divider to a 12-bit channel, 100 V full scale (the profile's nominal link calibration).</summary>
public sealed class SimLinkAdc(PackModel pack, int seed) : IAnalogInputs
{
    private readonly GaussianNoise _noise = new(seed);

    public int ReadCounts(int channel)
    {
        double counts = pack.LinkVolts / 100.0 * ChannelCalibration.FullScaleCounts + _noise.Next();
        return (int)Math.Clamp(Math.Round(counts), 0, ChannelCalibration.FullScaleCounts);
    }
}
