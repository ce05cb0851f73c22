using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// NTC thermistors (10 kΩ, B3435) to ground with 10 kΩ pull-ups on 12-bit ADC channels.
/// Sensors are spread evenly along the string; each reads the cell it sits on.
/// </summary>
public sealed class SimThermistorAdc : IAnalogInputs
{
    private readonly PackModel _pack;
    private readonly int _sensors;
    private readonly Random _noise;

    public double NoiseCounts { get; set; } = 1.0;

    public HashSet<int> FailedChannels { get; } = [];

    /// <summary>Channels that read fixed counts: an open NTC (full scale), a shorted one (0) or a stuck converter.</summary>
    public Dictionary<int, int> ForcedCounts { get; } = [];

    public SimThermistorAdc(PackModel pack, int sensors, int seed)
    {
        _pack = pack;
        _sensors = sensors;
        _noise = new Random(seed);
    }

    /// <summary>The cell a sensor sits on.</summary>
    public int CellOf(int sensor) => _sensors == 1 ? 0 : sensor * (_pack.Cells.Length - 1) / (_sensors - 1);

    public int ReadCounts(int channel)
    {
        if (FailedChannels.Contains(channel))
            return -1;
        if (ForcedCounts.TryGetValue(channel, out int forced))
            return forced;
        double counts = CountsAt(_pack.Cells[CellOf(channel)].Celsius) + NoiseCounts * Gaussian.Next(_noise);
        return (int)Math.Clamp(Math.Round(counts), 0, ChannelCalibration.FullScaleCounts);
    }

    /// <summary>The Beta equation, which the firmware's table approximates.</summary>
    public static double CountsAt(double celsius)
    {
        double kelvin = celsius + 273.15;
        double ohms = NtcTable.NominalOhms * Math.Exp(NtcTable.BetaKelvin * (1 / kelvin - 1 / 298.15));
        return ChannelCalibration.FullScaleCounts * ohms / (ohms + NtcTable.PullUpOhms);
    }
}
