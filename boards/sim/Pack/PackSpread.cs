namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// How far cells of one pack differ from the nominal cell, each drawn uniformly within ±the
/// fraction, seeded. Capacity and self-discharge spread make a pack drift out of balance over
/// cycles and storage; resistance spread makes cells part under load.
/// </summary>
public sealed record PackSpread
{
    public double CapacityFraction { get; init; } = 0.02;
    public double ResistanceFraction { get; init; } = 0.05;
    public double SelfDischargeFraction { get; init; } = 0.5;

    /// <summary>Spread of the initial state of charge, ±absolute (0.02 is ±2 % SoC).</summary>
    public double InitialSoc { get; init; }
}
