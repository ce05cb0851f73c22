namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// HPPC-like pulses: a discharge pulse, a rest, a charge pulse (regen), a rest, over and over.
/// The hybrid pulse power characterisation test uses them to expose R0 (the instant step) and
/// the RC branches (the relaxation in the rests). Times count from the first time the load is
/// connected.
/// </summary>
public sealed class PulseLoad(double dischargeAmps, double chargeAmps, double pulseSeconds, double restSeconds) : IPackLoad
{
    private double _startSeconds = double.NaN;

    public double Amps(PackModel pack)
    {
        if (double.IsNaN(_startSeconds))
            _startSeconds = pack.TimeSeconds;
        double period = 2 * (pulseSeconds + restSeconds);
        double t = (pack.TimeSeconds - _startSeconds) % period;
        if (t < pulseSeconds)
            return -dischargeAmps;
        if (t < pulseSeconds + restSeconds)
            return 0;
        if (t < 2 * pulseSeconds + restSeconds)
            return chargeAmps;
        return 0;
    }
}
