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
    // The Beta equation on a 0.05 °C grid: a lookup instead of an exponential per read; the
    // interpolation error is below a thousandth of a count.
    private static readonly UniformTable CountsTable = new(-60, 400, 0.05, BetaCounts);

    private readonly PackModel _pack;
    private readonly int _sensors;
    private readonly int[] _cellOf;
    private readonly int[] _lastCounts;
    private readonly GaussianNoise _noise;

    public double NoiseCounts { get; set; } = 1.0;

    public HashSet<int> FailedChannels { get; } = [];

    /// <summary>Channels that read fixed counts: an open NTC (full scale), a shorted one (0) or a stuck converter.</summary>
    public Dictionary<int, int> ForcedCounts { get; } = [];

    public SimThermistorAdc(PackModel pack, int sensors, int seed)
    {
        _pack = pack;
        _sensors = sensors;
        _noise = new GaussianNoise(seed);
        _cellOf = new int[sensors];
        _lastCounts = new int[sensors];
        for (int i = 0; i < sensors; i++)
            _cellOf[i] = sensors == 1 ? 0 : i * (pack.Cells.Length - 1) / (sensors - 1);
    }

    public int Sensors => _sensors;

    /// <summary>The cell a sensor sits on.</summary>
    public int CellOf(int sensor) => _cellOf[sensor];

    public int ReadCounts(int channel)
    {
        if (FailedChannels.Count > 0 && FailedChannels.Contains(channel))
            return -1;
        if (ForcedCounts.Count > 0 && ForcedCounts.TryGetValue(channel, out int forced))
            return forced;
        double counts = CountsAt(_pack.Cells[_cellOf[channel]].Celsius) + NoiseCounts * _noise.Next();
        int result = (int)Math.Clamp(Math.Round(counts), 0, ChannelCalibration.FullScaleCounts);
        _lastCounts[channel] = result;
        return result;
    }

    /// <summary>A stuck converter: the channel keeps returning its last conversion from now on.</summary>
    public void Stick(int channel) => ForcedCounts[channel] = _lastCounts[channel];

    /// <summary>Noise-free counts at a temperature, as the ADC converts them.</summary>
    public static double CountsAt(double celsius) => CountsTable[celsius];

    /// <summary>The Beta equation, which the firmware's table approximates.</summary>
    public static double BetaCounts(double celsius)
    {
        double kelvin = celsius + 273.15;
        double ohms = NtcTable.NominalOhms * Math.Exp(NtcTable.BetaKelvin * (1 / kelvin - 1 / 298.15));
        return ChannelCalibration.FullScaleCounts * ohms / (ohms + NtcTable.PullUpOhms);
    }
}
