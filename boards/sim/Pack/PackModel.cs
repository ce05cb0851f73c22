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
    public readonly CellParameters Parameters;
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

    // exp(-dt/tau) of both RC branches for the last step length: recomputed only when the
    // step length changes (clock jitter), not per cell and step.
    private double _decaySeconds = double.NaN;
    private double _decay1;
    private double _decay2;

    /// <summary>
    /// The pack's terminal voltage as the last step left it, summed once per step for the
    /// instruments that sample it then (the INA219's conversion, the load side). PackVolts
    /// sums afresh, for anyone who changed a cell since.
    /// </summary>
    public double PackVoltsAtStep { get; private set; }

    /// <summary>Current through the pack at the last step, A (positive charging).</summary>
    public double Amps { get; private set; }

    public double TimeSeconds { get; private set; }

    public PackModel(Chemistry chemistry, int cells, double capacityAh, double initialSoc, int seed, PackSpread? spread = null)
    {
        spread ??= new PackSpread();
        Chemistry = chemistry;
        Ocv = OcvCurve.For(chemistry);
        Parameters = CellParameters.For(chemistry, capacityAh);
        var random = new Random(seed);
        var drift = new Random(seed + 1000);
        Cells = new CellModel[cells];
        for (int i = 0; i < cells; i++)
        {
            double capacity = capacityAh * (1 + spread.CapacityFraction * Symmetric(random));
            double resistanceScale = 1 + spread.ResistanceFraction * Symmetric(random);
            double selfDischargeScale = 1 + spread.SelfDischargeFraction * Symmetric(drift);
            double soc = initialSoc + spread.InitialSoc * Symmetric(drift);
            Cells[i] = new CellModel(Ocv, Parameters, capacity, resistanceScale, selfDischargeScale, soc, AmbientCelsius);
        }

        PackVoltsAtStep = PackVolts;
    }

    private static double Symmetric(Random random) => 2 * random.NextDouble() - 1;

    public double CellVolts(int cell) => Cells[cell].Volts;

    public double PackVolts
    {
        get
        {
            double sum = 0;
            foreach (var cell in Cells)
                sum += cell.Volts;
            return sum;
        }
    }

    public double OpenCircuitVolts
    {
        get
        {
            double sum = 0;
            foreach (var cell in Cells)
                sum += cell.OcvVolts;
            return sum;
        }
    }

    // Not on the step's path (summaries, expectations, tests): plain queries.
    public double MaxCellVolts => Cells.Max(c => c.Volts);

    public double MinCellVolts => Cells.Min(c => c.Volts);

    /// <summary>Mean state of charge of the cells.</summary>
    public double MeanSoc => Cells.Average(c => c.Soc);

    /// <summary>Current into the link through the precharge resistor, drawn from the pack (negative: discharge).</summary>
    private double PrechargeAmps() => PrechargeClosed ? -(OpenCircuitVolts - LinkVolts) / PrechargeOhms : 0;

    /// <summary>Exact RC step (not Euler), so 10 Hz steps stay stable against the 0.1 s precharge time constant.</summary>
    private void StepLink(double seconds)
    {
        if (ContactorClosed)
        {
            LinkVolts = PackVoltsAtStep;
            return;
        }

        double source = PrechargeClosed ? OpenCircuitVolts : 0;
        double parallelOhms = PrechargeClosed ? PrechargeOhms * BleedOhms / (PrechargeOhms + BleedOhms) : BleedOhms;
        double target = PrechargeClosed ? source * BleedOhms / (PrechargeOhms + BleedOhms) : 0;
        double decay = Math.Exp(-seconds / (parallelOhms * LinkCapacitanceFarads));
        LinkVolts = target + (LinkVolts - target) * decay;
    }

    /// <summary>
    /// The temperatures move in steps of at least this much time, gathering each cell's heat in
    /// between. Thermal time constants are tens of seconds or more (the fastest, a runaway, is
    /// some K/s), so 0.1 s loses nothing the firmware could see, and at 100 Hz the conduction
    /// and temperature lookups then run once in ten steps.
    /// </summary>
    public const double ThermalStepSeconds = 0.1;

    private double _thermalSeconds;

    private void StepThermal(double seconds)
    {
        var cells = Cells;
        int last = cells.Length - 1;
        double g = NeighbourConductanceWattsPerKelvin;
        for (int i = 0; i <= last; i++)
        {
            double celsius = cells[i].Celsius;
            double neighbourWatts = 0;
            if (i > 0)
                neighbourWatts += (cells[i - 1].Celsius - celsius) * g;
            if (i < last)
                neighbourWatts += (cells[i + 1].Celsius - celsius) * g;
            cells[i].ConductedWatts = neighbourWatts;
        }

        foreach (var cell in cells)
            cell.StepThermal(AmbientCelsius, seconds);
    }

    public void Step(double seconds)
    {
        if (seconds != _decaySeconds)
        {
            _decaySeconds = seconds;
            _decay1 = Math.Exp(-seconds / Parameters.Tau1Seconds);
            _decay2 = Math.Exp(-seconds / Parameters.Tau2Seconds);
        }

        Amps = ContactorClosed ? Load.Amps(this) : PrechargeAmps();
        var cells = Cells;
        double packVolts = 0;
        foreach (var cell in cells)
        {
            cell.Step(Amps, seconds, _decay1, _decay2);
            packVolts += cell.Volts;
        }

        PackVoltsAtStep = packVolts;
        _thermalSeconds += seconds;
        if (_thermalSeconds >= ThermalStepSeconds - 1e-9)
        {
            StepThermal(_thermalSeconds);
            _thermalSeconds = 0;
        }

        StepLink(seconds);
        TimeSeconds += seconds;
    }
}
