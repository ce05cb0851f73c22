using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Estimation;

/// <summary>
/// Current pulses in the manner of a hybrid pulse power characterisation: every 2 minutes a
/// 1.5 C discharge pulse for 10 s, a 40 s pause, a 0.75 C charge pulse for 10 s, then 1 C
/// discharge for 60 s, so the pack steps down through its range with many current steps.
/// </summary>
public sealed class PulseLoad(double capacityAh) : IPackLoad
{
    private double _startSeconds = -1;

    public double Amps(PackModel pack)
    {
        if (_startSeconds < 0)
            _startSeconds = pack.TimeSeconds;
        double t = (pack.TimeSeconds - _startSeconds) % 120;
        double c = t < 10 ? -1.5 : t < 50 ? 0 : t < 60 ? 0.75 : -1.0;
        return c * capacityAh;
    }
}
