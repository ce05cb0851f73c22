namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// A battery cycler: CC-CV charge, rest, constant-current discharge to a cut-off, rest, and
/// again, the way a soak test or an energy-storage day runs a pack.
/// </summary>
public sealed class CyclerLoad(double chargeAmps, double chargeCellVolts, double dischargeAmps, double cutoffCellVolts, double restSeconds) : IPackLoad
{
    public enum Phase
    {
        Charge,
        RestAfterCharge,
        Discharge,
        RestAfterDischarge,
    }

    private readonly CcCvCharger _charger = new(chargeAmps, chargeCellVolts);
    private double _phaseStartSeconds;

    public Phase Current { get; private set; }

    /// <summary>Full charge-discharge cycles completed.</summary>
    public int Cycles { get; private set; }

    public double Amps(PackModel pack)
    {
        double elapsed = pack.TimeSeconds - _phaseStartSeconds;
        switch (Current)
        {
            case Phase.Charge:
                double amps = _charger.Amps(pack);
                if (amps < chargeAmps / 10)
                    Next(pack, Phase.RestAfterCharge);
                return amps;
            case Phase.RestAfterCharge:
                if (elapsed >= restSeconds)
                    Next(pack, Phase.Discharge);
                return 0;
            case Phase.Discharge:
                if (LowestCellVolts(pack, -dischargeAmps) <= cutoffCellVolts)
                {
                    Next(pack, Phase.RestAfterDischarge);
                    return 0;
                }

                return -dischargeAmps;
            default:
                if (elapsed >= restSeconds)
                {
                    Cycles++;
                    Next(pack, Phase.Charge);
                }

                return 0;
        }
    }

    private static double LowestCellVolts(PackModel pack, double amps)
    {
        double lowest = double.MaxValue;
        foreach (var cell in pack.Cells)
            lowest = Math.Min(lowest, cell.VoltsAt(amps));
        return lowest;
    }

    private void Next(PackModel pack, Phase phase)
    {
        Current = phase;
        _phaseStartSeconds = pack.TimeSeconds;
    }
}
