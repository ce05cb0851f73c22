using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// A series string of cells behind a contactor, with a load or charger that only sees the pack
/// while the contactor is closed.
/// </summary>
public sealed class PackModel
{
    public readonly Chemistry Chemistry;
    public readonly CellModel[] Cells;
    public readonly OcvCurve Ocv;
    public double AmbientCelsius = 25;

    /// <summary>Thermal conductance between neighbouring cells (touching cans, a shared busbar), W/K.</summary>
    public double NeighbourConductanceWattsPerKelvin = 0.3;
    /// <summary>The main contactor's coil is energised.</summary>
    public bool MainCommanded;

    /// <summary>The main contacts are welded shut: they stay closed whatever the coil does.</summary>
    public bool MainWelded;

    public bool PrechargeClosed;

    /// <summary>The main contacts are closed.</summary>
    public bool ContactorClosed => MainCommanded || MainWelded;

    /// <summary>The load side: a DC-link capacitor, charged through the precharge resistor, drained by a bleeder.</summary>
    public double LinkVolts;
    public double LinkCapacitanceFarads = 0.002;
    public double PrechargeOhms = 47;
    public double BleedOhms = 1000;

    /// <summary>What the load or charger draws when connected; positive charges the pack.</summary>
    public IPackLoad Load = new RestLoad();

    /// <summary>Current through the pack at the last step, A (positive charging).</summary>
    public double Amps { get; private set; }

    public double TimeSeconds { get; private set; }

    public PackModel(Chemistry chemistry, int cells, double capacityAh, double resistanceOhms, double initialSoc, int seed)
    {
        Chemistry = chemistry;
        Ocv = OcvCurve.For(chemistry);
        var random = new Random(seed);
        Cells = new CellModel[cells];
        for (int i = 0; i < cells; i++)
        {
            // Spread between cells: capacity ±2 %, resistance ±5 %, so cells drift apart.
            Cells[i] = new CellModel
            {
                Soc = initialSoc,
                CapacityAh = capacityAh * (1 + 0.02 * (2 * random.NextDouble() - 1)),
                Resistance25Ohms = resistanceOhms * (1 + 0.05 * (2 * random.NextDouble() - 1)),
                Celsius = AmbientCelsius,
            };
        }
    }

    public double CellVolts(int cell) => Cells[cell].TerminalVolts(Ocv, Amps);

    public double PackVolts
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < Cells.Length; i++)
                sum += CellVolts(i);
            return sum;
        }
    }

    /// <summary>Current into the link through the precharge resistor, drawn from the pack (negative: discharge).</summary>
    private double PrechargeAmps() => PrechargeClosed ? -(OpenCircuitVolts - LinkVolts) / PrechargeOhms : 0;

    public double OpenCircuitVolts
    {
        get
        {
            double sum = 0;
            foreach (var cell in Cells)
                sum += Ocv.Volts(cell.Soc);
            return sum;
        }
    }

    /// <summary>Exact RC step (not Euler), so 10 Hz steps stay stable against the 0.1 s precharge time constant.</summary>
    private void StepLink(double seconds)
    {
        if (ContactorClosed)
        {
            LinkVolts = PackVolts;
            return;
        }

        double source = PrechargeClosed ? OpenCircuitVolts : 0;
        double parallelOhms = PrechargeClosed ? PrechargeOhms * BleedOhms / (PrechargeOhms + BleedOhms) : BleedOhms;
        double target = PrechargeClosed ? source * BleedOhms / (PrechargeOhms + BleedOhms) : 0;
        double decay = Math.Exp(-seconds / (parallelOhms * LinkCapacitanceFarads));
        LinkVolts = target + (LinkVolts - target) * decay;
    }

    public double MaxCellVolts
    {
        get
        {
            double max = 0;
            for (int i = 0; i < Cells.Length; i++)
                max = Math.Max(max, CellVolts(i));
            return max;
        }
    }

    public void Step(double seconds)
    {
        Amps = ContactorClosed ? Load.Amps(this) : PrechargeAmps();
        for (int i = 0; i < Cells.Length; i++)
        {
            double neighbourWatts = 0;
            if (i > 0)
                neighbourWatts += (Cells[i - 1].Celsius - Cells[i].Celsius) * NeighbourConductanceWattsPerKelvin;
            if (i < Cells.Length - 1)
                neighbourWatts += (Cells[i + 1].Celsius - Cells[i].Celsius) * NeighbourConductanceWattsPerKelvin;
            Cells[i].ConductedWatts = neighbourWatts;
        }

        foreach (var cell in Cells)
            cell.Step(Amps, AmbientCelsius, seconds);
        StepLink(seconds);
        TimeSeconds += seconds;
    }
}
