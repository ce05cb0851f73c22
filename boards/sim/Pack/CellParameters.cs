using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// A cell's 2-RC equivalent circuit at 25 °C, its thermal mass and path to ambient, and its
/// self-discharge, for a chemistry scaled to a capacity. Resistances scale as 1/capacity
/// (a cell of twice the capacity behaves as two in parallel) and time constants stay; the
/// figures and the reasons for the choices are in docs/simulation.md.
/// </summary>
public sealed record CellParameters
{
    /// <summary>Ohmic resistance at 25 °C.</summary>
    public required double R0Ohms { get; init; }

    /// <summary>Fast polarisation branch (charge transfer, double layer).</summary>
    public required double R1Ohms { get; init; }
    public required double Tau1Seconds { get; init; }

    /// <summary>Slow polarisation branch (diffusion).</summary>
    public required double R2Ohms { get; init; }
    public required double Tau2Seconds { get; init; }

    public required double HeatCapacityJoulesPerKelvin { get; init; }
    public required double ThermalResistanceKelvinPerWatt { get; init; }

    /// <summary>Charge lost at rest, as a fraction of capacity per 30 days.</summary>
    public required double SelfDischargePerMonth { get; init; }

    public required ExothermParameters Exotherm { get; init; }

    public double C1Farads => Tau1Seconds / R1Ohms;
    public double C2Farads => Tau2Seconds / R2Ohms;

    /// <summary>The capacity the per-Ah figures were taken at: an LG HG2 is 3 Ah.</summary>
    private const double ReferenceAh = 3.0;

    public static CellParameters For(Chemistry chemistry, double capacityAh)
    {
        // Thermal path to ambient: 20 K/W for an 18650 in free air, scaled with surface area
        // (capacity to the 2/3) for larger cells.
        double thermalKelvinPerWatt = 20 * Math.Pow(ReferenceAh / capacityAh, 2.0 / 3.0);
        return chemistry == Chemistry.Lfp
            ? new CellParameters
            {
                // PyBaMM's 100 Ah ECM set: DCIR 1 mΩ split 40 % R0 / 60 % R1, tau 30 s (inside
                // MathWorks' 27 Ah tau1 29-105 s), as Ω·Ah. Slow branch: half of R1, 600 s: LFP
                // relaxes for many minutes after a load.
                R0Ohms = 0.040 / capacityAh,
                R1Ohms = 0.060 / capacityAh,
                Tau1Seconds = 30,
                R2Ohms = 0.030 / capacityAh,
                Tau2Seconds = 600,
                // LFP stores less energy per kg: 20 J/K per Ah (a 3 Ah 26650 is about 85 g).
                HeatCapacityJoulesPerKelvin = 20 * capacityAh,
                ThermalResistanceKelvinPerWatt = thermalKelvinPerWatt,
                SelfDischargePerMonth = 0.02,
                Exotherm = ExothermParameters.Lfp,
            }
            : new CellParameters
            {
                // LG HG2 2RC at 25 °C: R0 19.4 mΩ, R1 14.6 mΩ, C1 1360 F (tau 19.9 s) at 3 Ah.
                // Slow branch: 8 mΩ, 300 s (diffusion; the reference fits only the fast one).
                R0Ohms = 0.0194 * ReferenceAh / capacityAh,
                R1Ohms = 0.0146 * ReferenceAh / capacityAh,
                Tau1Seconds = 0.0146 * 1360,
                R2Ohms = 0.008 * ReferenceAh / capacityAh,
                Tau2Seconds = 300,
                // An HG2 is 48 g at about 0.9 J/(g·K): 45 J/K, 15 J/K per Ah.
                HeatCapacityJoulesPerKelvin = 15 * capacityAh,
                ThermalResistanceKelvinPerWatt = thermalKelvinPerWatt,
                SelfDischargePerMonth = 0.03,
                Exotherm = ExothermParameters.Nmc,
            };
    }
}
