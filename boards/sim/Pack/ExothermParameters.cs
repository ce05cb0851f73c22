namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// The cell's exothermic decomposition: no heat below the onset, then a self-heating rate that
/// doubles every few kelvin (Arrhenius-like) until the reactants are spent. shared/reference:
/// NMC self-heating is seen from about 71 °C and takes over above about 130 °C.
/// </summary>
public sealed record ExothermParameters
{
    /// <summary>Below this the reactions are too slow to matter.</summary>
    public required double OnsetCelsius { get; init; }

    /// <summary>Adiabatic self-heating rate at the onset, K/s.</summary>
    public required double RateAtOnsetKelvinPerSecond { get; init; }

    /// <summary>The rate doubles every this many kelvin.</summary>
    public required double DoublingKelvin { get; init; }

    /// <summary>Temperature rise if every reactant burned with no heat lost (the reaction's total heat).</summary>
    public required double TotalRiseKelvin { get; init; }

    /// <summary>
    /// The separator melts (polyethylene at about 135 °C, polypropylene at about 165 °C) and the
    /// electrodes touch: a hard internal short that empties the cell into its own heat and
    /// takes its voltage to zero, the voltage drop that accompanies a runaway.
    /// </summary>
    public double SeparatorCollapseCelsius { get; init; } = 170;

    /// <summary>The hard short after the separator collapses, Ω.</summary>
    public double CollapsedShortOhms { get; init; } = 0.005;

    /// <summary>
    /// Once the separator has collapsed the cell vents: this fraction of the heat it makes
    /// leaves with the ejected gas and particles instead of warming the can (18650s lose up
    /// to half their mass in a runaway; their cans peak at about 600-900 °C).
    /// </summary>
    public double VentedFraction { get; init; } = 0.5;

    /// <summary>
    /// NMC: 0.0005 K/s at 80 °C (an accelerating-rate calorimeter's onset is 0.02 K/min),
    /// doubling every 5 K: 0.5 K/s at 130 °C, where it outruns an 18650's cooling and takes
    /// over; 600 K in all.
    /// </summary>
    public static ExothermParameters Nmc { get; } = new()
    {
        OnsetCelsius = 80,
        RateAtOnsetKelvinPerSecond = 0.0005,
        DoublingKelvin = 5,
        TotalRiseKelvin = 600,
    };

    /// <summary>LFP is more stable (the reference has no figure: chosen, see docs/simulation.md): onset 120 °C, slower doubling, half the heat.</summary>
    public static ExothermParameters Lfp { get; } = new()
    {
        OnsetCelsius = 120,
        RateAtOnsetKelvinPerSecond = 0.0005,
        DoublingKelvin = 7,
        TotalRiseKelvin = 300,
    };
}
