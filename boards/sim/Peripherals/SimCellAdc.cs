using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// One 12-bit ADC channel per cell, each behind its own front end (an isolating differential
/// amplifier per cell), with per-channel gain and offset errors, quantisation and noise.
/// </summary>
public sealed class SimCellAdc : IAnalogInputs
{
    private static readonly double NominalCountsPerMillivolt = ChannelCalibration.FullScaleCounts / (double)ChannelCalibration.NominalFullScaleMillivolts;

    private readonly PackModel _pack;
    private readonly double[] _gainError;
    private readonly double[] _offsetMillivolts;
    private readonly int[] _lastCounts;

    // Per channel: counts per volt and counts of offset, gain error and nominal scale folded
    // in once, so a conversion is one multiply-add before the noise.
    private readonly double[] _countsPerVolt;
    private readonly double[] _offsetCounts;
    private readonly GaussianNoise _noise;

    /// <summary>Gaussian noise, in counts (1 count is about 1.2 mV).</summary>
    public double NoiseCounts { get; set; } = 1.0;

    /// <summary>Channels that fail to convert (fault injection).</summary>
    public HashSet<int> FailedChannels { get; } = [];

    /// <summary>Channels that read fixed counts: an open tap (full scale), a shorted one (0) or a stuck converter.</summary>
    public Dictionary<int, int> ForcedCounts { get; } = [];

    public SimCellAdc(PackModel pack, int seed)
    {
        _pack = pack;
        var random = new Random(seed);
        _noise = new GaussianNoise(seed + 1);
        int n = pack.Cells.Length;
        _gainError = new double[n];
        _offsetMillivolts = new double[n];
        _lastCounts = new int[n];
        _countsPerVolt = new double[n];
        _offsetCounts = new double[n];
        for (int i = 0; i < n; i++)
        {
            // A 1 % divider and the ESP32 ADC's spread: up to ±2 % gain and ±20 mV offset.
            _gainError[i] = 0.02 * (2 * random.NextDouble() - 1);
            _offsetMillivolts[i] = 20 * (2 * random.NextDouble() - 1);
            _countsPerVolt[i] = 1000 * (1 + _gainError[i]) * NominalCountsPerMillivolt;
            _offsetCounts[i] = _offsetMillivolts[i] * NominalCountsPerMillivolt;
        }
    }

    /// <summary>The ADC driver throws (a crash in board code the firmware calls), for fault injection.</summary>
    public bool ThrowOnRead { get; set; }

    public int ReadCounts(int channel)
    {
        if (ThrowOnRead)
            throw new InvalidOperationException("ADC driver crashed");
        // The injection collections are empty in a healthy run: skip the lookups then.
        if (FailedChannels.Count > 0 && FailedChannels.Contains(channel))
            return -1;
        if (ForcedCounts.Count > 0 && ForcedCounts.TryGetValue(channel, out int forced))
            return forced;
        double exact = _pack.Cells[channel].Volts * _countsPerVolt[channel] + _offsetCounts[channel];
        if (NoiseCounts > 0)
            exact += NoiseCounts * _noise.Next();
        int counts = (int)Math.Clamp(Math.Round(exact), 0, ChannelCalibration.FullScaleCounts);
        _lastCounts[channel] = counts;
        return counts;
    }

    /// <summary>A stuck converter: the channel keeps returning its last conversion from now on.</summary>
    public void Stick(int channel) => ForcedCounts[channel] = _lastCounts[channel];

    /// <summary>
    /// What an end-of-line calibration does: reads each channel at two reference voltages
    /// (3.000 V and 4.200 V, averaged, so without noise) and derives its two-point calibration.
    /// </summary>
    public ChannelCalibration[] Calibrate()
    {
        var result = new ChannelCalibration[_gainError.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = ChannelCalibration.FromTwoPoints(Counts(i, 3000, 0), 3000f, Counts(i, 4200, 0), 4200f);
        return result;
    }

    private int Counts(int channel, double millivolts, double noiseCounts)
    {
        double counts = (millivolts * (1 + _gainError[channel]) + _offsetMillivolts[channel]) * NominalCountsPerMillivolt;
        if (noiseCounts > 0)
            counts += noiseCounts * _noise.Next();
        return (int)Math.Clamp(Math.Round(counts), 0, ChannelCalibration.FullScaleCounts);
    }
}
