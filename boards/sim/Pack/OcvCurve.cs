using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Pack;

/// <summary>Open-circuit voltage against state of charge, from shared/reference/cell-models.md.</summary>
public sealed class OcvCurve
{
    // NMC: LG 18650HG2 C/20 pseudo-OCV at 25 °C. LFP: A123 cell. Both are extended a little past
    // 0 and 1 (the reference's ends are the rated window, not the cell's chemistry): an
    // over-discharged cell collapses (to 0 V when nothing is left: a shorted or burnt-out cell
    // ends there) and an over-charged one climbs steeply, so a charger that loses its CV
    // regulation or a load that ignores the cut-off really drives a cell past the firmware's
    // limits instead of stalling at the table's end.
    private static readonly double[] NmcSoc = { -0.05, -0.03, -0.01, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.02, 1.04 };
    private static readonly double[] NmcVolts = { 0, 2.00, 2.80, 3.114, 3.391, 3.538, 3.611, 3.680, 3.763, 3.859, 3.945, 4.039, 4.093, 4.188, 4.30, 4.50 };
    // The LFP reference stops at 1 % and 95 %: 0 % is put at the 2.5 V cut-off and 100 % at
    // 3.45 V along the curve's knees, then extended as for NMC.
    private static readonly double[] LfpSoc = { -0.05, -0.03, -0.01, 0, 0.01, 0.05, 0.10, 0.18, 0.31, 0.53, 0.95, 1.0, 1.02, 1.04 };
    private static readonly double[] LfpVolts = { 0, 1.80, 2.20, 2.50, 2.90, 3.12, 3.17, 3.20, 3.24, 3.272, 3.32, 3.45, 3.70, 4.10 };

    /// <summary>The lowest and highest state of charge a cell can reach (the curve's ends).</summary>
    public const double MinSoc = -0.05;
    public const double MaxSoc = 1.04;

    // Every breakpoint is a multiple of 0.01, so a 0.001 grid reproduces the curve exactly.
    private const double GridStep = 0.001;

    private readonly UniformTable _table;

    private OcvCurve(double[] soc, double[] volts)
    {
        _table = UniformTable.FromPoints(soc, volts, GridStep);
    }

    public static OcvCurve Nmc { get; } = new(NmcSoc, NmcVolts);
    public static OcvCurve Lfp { get; } = new(LfpSoc, LfpVolts);

    public static OcvCurve For(Chemistry chemistry) => chemistry == Chemistry.Lfp ? Lfp : Nmc;

    public double Volts(double soc) => _table[soc];
}
