using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Pack;

/// <summary>Open-circuit voltage against state of charge, from shared/reference/cell-models.md.</summary>
public sealed class OcvCurve
{
    // NMC: LG 18650HG2 C/20 pseudo-OCV at 25 °C. LFP: A123 cell.
    private static readonly double[] NmcSoc = { 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };
    private static readonly double[] NmcVolts = { 3.114, 3.391, 3.538, 3.611, 3.680, 3.763, 3.859, 3.945, 4.039, 4.093, 4.188 };
    private static readonly double[] LfpSoc = { 0, 0.01, 0.05, 0.10, 0.18, 0.31, 0.53, 0.95, 1.0 };
    // The reference stops at 1 % and 95 %: the ends are extended along the curve's knee
    // (2.5 V cut-off at 0 %, 3.45 V at full) so charge and discharge can reach them.
    private static readonly double[] LfpVolts = { 2.50, 2.90, 3.12, 3.17, 3.20, 3.24, 3.272, 3.32, 3.45 };

    private readonly double[] _soc;
    private readonly double[] _volts;

    private OcvCurve(double[] soc, double[] volts)
    {
        _soc = soc;
        _volts = volts;
    }

    public static OcvCurve For(Chemistry chemistry) =>
        chemistry == Chemistry.Lfp ? new OcvCurve(LfpSoc, LfpVolts) : new OcvCurve(NmcSoc, NmcVolts);

    public double Volts(double soc) => Interpolation.Linear(_soc, _volts, soc);
}
