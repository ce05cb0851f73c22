using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Estimation;

/// <summary>
/// A drive-cycle-like current profile, repeating every 10 minutes: stop-and-go town driving
/// (accelerations to 2 C, regenerative braking at up to 0.6 C charge, stops), then a faster
/// stretch (cruise at 0.5-0.8 C with overtaking at 1.5 C). In C-rates of the pack's nominal
/// capacity, deterministic, piecewise linear between the points.
/// </summary>
public sealed class DriveCycleLoad(double capacityAh) : IPackLoad
{
    // (seconds into the pattern, C-rate; negative discharges)
    private static readonly (double T, double C)[] Points =
    [
        (0, 0), (5, -2.0), (15, -0.6), (35, -0.4), (40, 0.6), (48, 0.2), (50, 0), (70, 0),
        (75, -1.8), (90, -0.8), (110, -0.5), (115, 0.5), (122, 0.1), (125, 0), (140, 0),
        (145, -2.0), (155, -1.0), (180, -0.7), (185, 0.6), (195, 0.0), (210, 0),
        (220, -1.2), (260, -0.6), (300, -0.7), (310, -1.5), (330, -0.8), (380, -0.6),
        (400, -0.7), (410, -1.5), (425, -0.8), (470, -0.5), (480, 0.4), (490, 0.2), (500, -0.5),
        (540, -0.6), (550, 0.5), (560, 0.1), (565, 0), (585, 0), (600, 0),
    ];

    private double _startSeconds = -1;

    public const double PatternSeconds = 600;

    public double Amps(PackModel pack)
    {
        if (_startSeconds < 0)
            _startSeconds = pack.TimeSeconds;
        double t = (pack.TimeSeconds - _startSeconds) % PatternSeconds;
        int i = 1;
        while (Points[i].T < t)
            i++;
        var (t0, c0) = Points[i - 1];
        var (t1, c1) = Points[i];
        double c = t1 > t0 ? c0 + (c1 - c0) * (t - t0) / (t1 - t0) : c1;
        return c * capacityAh;
    }
}
