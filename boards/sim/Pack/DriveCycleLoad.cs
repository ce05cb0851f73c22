namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// A dynamic, drive-cycle-like profile: a 120 s sequence of steps in the spirit of the USABC
/// Dynamic Stress Test (idle, accelerate, cruise, brake with regeneration), repeated. The
/// current is the step's fraction of the peak, discharge positive in the table; a negative
/// fraction is regenerative braking, which charges the pack. Not the USABC table itself.
/// </summary>
public sealed class DriveCycleLoad(double peakAmps) : IPackLoad
{
    // (duration s, fraction of peak discharge current)
    private static readonly (double Seconds, double Fraction)[] Steps =
    [
        (8, 0), (4, 0.25), (8, 0.6), (6, 1.0), (12, 0.3), (4, -0.25), (6, 0),
        (6, 0.5), (4, 0.9), (20, 0.35), (6, -0.4), (4, -0.15), (8, 0),
        (4, 0.7), (10, 0.45), (4, 0.2), (6, -0.3), (0, 0),
    ];

    private static readonly double CycleSeconds = SumSeconds();

    private double _startSeconds = double.NaN;

    public double Amps(PackModel pack)
    {
        if (double.IsNaN(_startSeconds))
            _startSeconds = pack.TimeSeconds;
        double t = (pack.TimeSeconds - _startSeconds) % CycleSeconds;
        foreach (var (seconds, fraction) in Steps)
        {
            if (t < seconds)
                return -fraction * peakAmps;
            t -= seconds;
        }

        return 0;
    }

    /// <summary>Mean discharge current over one cycle, as a fraction of the peak.</summary>
    public static double MeanFraction
    {
        get
        {
            double charge = 0;
            foreach (var (seconds, fraction) in Steps)
                charge += seconds * fraction;
            return charge / CycleSeconds;
        }
    }

    private static double SumSeconds()
    {
        double sum = 0;
        foreach (var (seconds, _) in Steps)
            sum += seconds;
        return sum;
    }
}
