namespace nanoFramework.BMS.Sim.Pack;

/// <summary>A charger or load: the current it would drive through a connected pack, positive charging.</summary>
public interface IPackLoad
{
    double Amps(PackModel pack);
}

public sealed class RestLoad : IPackLoad
{
    public double Amps(PackModel pack) => 0;
}

/// <summary>A constant current, positive to charge, negative to discharge.</summary>
public sealed class ConstantCurrentLoad(double amps) : IPackLoad
{
    public double Amps(PackModel pack) => amps;
}

/// <summary>
/// A charger at constant current until the highest cell reaches the constant-voltage level,
/// then tapering as a CV charger that regulates the highest cell would: each step it asks for
/// the current that puts that cell's terminal voltage at the level through R0, given the
/// polarisation already built up.
/// </summary>
public sealed class CcCvCharger(double amps, double cellVolts) : IPackLoad
{
    public double Amps(PackModel pack)
    {
        double limit = amps;
        foreach (var cell in pack.Cells)
        {
            double headroom = (cellVolts - cell.VoltsAt(0)) * cell.InverseResistanceOhms;
            limit = Math.Min(limit, headroom);
        }

        return Math.Max(0, limit);
    }
}
