namespace nanoFramework.BMS.Sim.Pack;

/// <summary>
/// One cell: a 2-RC equivalent circuit (R0, R1‖C1, R2‖C2) on the chemistry's OCV curve, with
/// resistances that rise in the cold, self-discharge, a lumped thermal mass with a path to
/// ambient, exothermic decomposition above its onset, and an optional internal short (the
/// thermal-runaway trigger). Derived values (OCV, resistance factor) are kept in step with the
/// state by the setters, so a test or a scenario may set the state directly between steps.
/// </summary>
public sealed class CellModel
{
    // Resistance relative to 25 °C: roughly doubles by 0 °C (shared/reference/cell-models.md).
    // Every breakpoint is a whole degree, so the 1 °C grid is the same function.
    private static readonly double[] FactorCelsius = [-40, -20, -10, 0, 10, 25, 45, 60, 80];
    private static readonly double[] Factor = [6.0, 6.0, 3.5, 2.0, 1.4, 1.0, 0.8, 0.7, 0.7];
    private static readonly UniformTable ResistanceFactorAt = UniformTable.FromPoints(FactorCelsius, Factor, 1.0);

    // Its reciprocal on the same grid (exact at the grid points; between them within 0.3 % of
    // 1/factor), so a step multiplies where it would divide.
    private static readonly UniformTable InverseFactorAt = new(-40, 80, 1.0, c => 1 / Interpolation.Linear(FactorCelsius, Factor, c));

    private const double SecondsPerMonth = 30 * 24 * 3600.0;

    private readonly OcvCurve _ocv;
    private readonly ExothermParameters _exotherm;

    // Compared every step: kept here rather than behind the parameters' reference.
    private readonly double _onsetCelsius;
    private readonly double _collapseCelsius;
    private double _soc;
    private double _celsius;
    private double _ocvVolts;
    private double _resistanceFactor;

    public CellModel(OcvCurve ocv, CellParameters parameters, double capacityAh, double resistanceScale, double selfDischargeScale, double soc, double celsius)
    {
        _ocv = ocv;
        _exotherm = parameters.Exotherm;
        _onsetCelsius = _exotherm.OnsetCelsius;
        _collapseCelsius = _exotherm.SeparatorCollapseCelsius;
        CapacityAh = capacityAh;
        Resistance25Ohms = parameters.R0Ohms * resistanceScale;
        R1At25Ohms = parameters.R1Ohms * resistanceScale;
        R2At25Ohms = parameters.R2Ohms * resistanceScale;
        HeatCapacityJoulesPerKelvin = parameters.HeatCapacityJoulesPerKelvin;
        ThermalResistanceKelvinPerWatt = parameters.ThermalResistanceKelvinPerWatt;
        SelfDischargePerMonth = parameters.SelfDischargePerMonth * selfDischargeScale;
        Soc = soc;
        Celsius = celsius;
    }

    // Reciprocals of the parameters, kept by their setters: a step multiplies instead of
    // dividing (six divisions per cell and step were a fifth of the pack's step time).
    private double _socPerAmpSecond;
    private double _inverseR1At25;
    private double _inverseR2At25;
    private double _kelvinPerJoule;
    private double _wattsPerKelvin;
    private double _selfDischargePerSecond;
    private double _inverseFactor;

    public double CapacityAh
    {
        get;
        set
        {
            field = value;
            _socPerAmpSecond = 1 / (3600.0 * value);
        }
    }

    private double _inverseR0At25;

    /// <summary>R0 at 25 °C.</summary>
    public double Resistance25Ohms
    {
        get;
        set
        {
            field = value;
            _inverseR0At25 = 1 / value;
        }
    }

    public double R1At25Ohms
    {
        get;
        set
        {
            field = value;
            _inverseR1At25 = 1 / value;
        }
    }

    public double R2At25Ohms
    {
        get;
        set
        {
            field = value;
            _inverseR2At25 = 1 / value;
        }
    }

    public double HeatCapacityJoulesPerKelvin
    {
        get;
        set
        {
            field = value;
            _kelvinPerJoule = 1 / value;
        }
    }

    public double ThermalResistanceKelvinPerWatt
    {
        get;
        set
        {
            field = value;
            _wattsPerKelvin = 1 / value;
        }
    }

    /// <summary>Charge lost at rest, as a fraction of capacity per 30 days.</summary>
    public double SelfDischargePerMonth
    {
        get;
        set
        {
            field = value;
            _selfDischargePerSecond = value / SecondsPerMonth;
        }
    }

    /// <summary>State of charge; a little below 0 or above 1 is over-discharge or over-charge (OcvCurve).</summary>
    public double Soc
    {
        get => _soc;
        set
        {
            _soc = Math.Clamp(value, OcvCurve.MinSoc, OcvCurve.MaxSoc);
            _ocvVolts = _ocv.Volts(_soc);
        }
    }

    public double Celsius
    {
        get => _celsius;
        set
        {
            _celsius = value;
            var (index, fraction) = ResistanceFactorAt.Locate(value);
            _resistanceFactor = ResistanceFactorAt.At(index, fraction);
            _inverseFactor = InverseFactorAt.At(index, fraction);
        }
    }

    /// <summary>Voltage across the fast and the slow RC branch, V (positive while charging).</summary>
    public double V1Volts;
    public double V2Volts;

    /// <summary>Current into the cell's terminals at the last step, A (positive charging).</summary>
    public double Amps;

    /// <summary>Heat from outside the electrochemistry (a fault injection: a hot busbar, a heater), W.</summary>
    public double ExtraHeatWatts;

    /// <summary>Heat flowing in from the neighbouring cells during the current step, W.</summary>
    public double ConductedWatts;

    /// <summary>An internal short across the cell (0: none), the usual trigger of a thermal runaway, Ω.</summary>
    public double InternalShortOhms;

    /// <summary>Fraction of the exothermic reactants already spent (0 to 1).</summary>
    public double ExothermSpent;

    /// <summary>Heat released by decomposition during the last step, W.</summary>
    public double ExothermWatts { get; private set; }

    public double OcvVolts => _ocvVolts;

    /// <summary>R0 at the cell's temperature.</summary>
    public double ResistanceOhms => Resistance25Ohms * _resistanceFactor;

    /// <summary>1 / R0 at the cell's temperature, for a charger's control loop that runs every step.</summary>
    public double InverseResistanceOhms => _inverseR0At25 * _inverseFactor;

    /// <summary>Terminal voltage now.</summary>
    public double Volts => VoltsAt(Amps);

    /// <summary>Terminal voltage if the given current flowed now (before the branches respond).</summary>
    public double VoltsAt(double amps)
    {
        double volts = _ocvVolts + amps * ResistanceOhms + V1Volts + V2Volts;
        // An internal short draws V/Rs inside the can, through R0 like any load.
        return InternalShortOhms > 0 ? volts / (1 + ResistanceOhms / InternalShortOhms) : volts;
    }

    // Heat made since the last thermal step, J (conduction and the loss to ambient excepted).
    private double _heatJoules;

    /// <summary>
    /// Advances the electrochemistry by one step at the given terminal current, and gathers the
    /// heat it makes; the temperature moves in StepThermal. decay1 and decay2 are exp(-dt/tau)
    /// of the two branches (the pack computes them once per step length): the branches are
    /// stepped exactly, so any sample rate is stable.
    /// </summary>
    public void Step(double amps, double seconds, double decay1, double decay2)
    {
        double factor = _resistanceFactor;
        double r0 = Resistance25Ohms * factor;
        double r1 = R1At25Ohms * factor;
        double r2 = R2At25Ohms * factor;

        double shortWatts = 0;
        double cellAmps = amps;
        if (InternalShortOhms > 0)
        {
            double shortAmps = VoltsAt(amps) / InternalShortOhms;
            shortWatts = shortAmps * shortAmps * InternalShortOhms;
            cellAmps -= shortAmps;
        }

        double v1 = V1Volts * decay1 + cellAmps * r1 * (1 - decay1);
        double v2 = V2Volts * decay2 + cellAmps * r2 * (1 - decay2);
        V1Volts = v1;
        V2Volts = v2;

        // Joule heat in R0, polarisation heat in R1 and R2 (V²/R), the short, decomposition.
        double polarisationWatts = (v1 * v1 * _inverseR1At25 + v2 * v2 * _inverseR2At25) * _inverseFactor;
        double heatWatts = cellAmps * cellAmps * r0 + polarisationWatts + shortWatts + ExtraHeatWatts;
        ExothermWatts = _celsius > _onsetCelsius ? Exotherm(seconds) : 0;
        heatWatts += ExothermWatts;
        if (_celsius > _collapseCelsius)
        {
            if (InternalShortOhms == 0 || InternalShortOhms > _exotherm.CollapsedShortOhms)
                InternalShortOhms = _exotherm.CollapsedShortOhms;
            // Venting: part of the heat of the short and the decomposition leaves with the ejecta.
            heatWatts -= (shortWatts + ExothermWatts) * _exotherm.VentedFraction;
        }

        _heatJoules += heatWatts * seconds;
        double selfDischarge = _soc > 0 ? _selfDischargePerSecond * seconds : 0;
        Soc = _soc + cellAmps * seconds * _socPerAmpSecond - selfDischarge;
        Amps = amps;
    }

    /// <summary>
    /// Moves the temperature by the heat gathered since the last thermal step, the conduction
    /// from the neighbours (ConductedWatts) and the loss to ambient over that time.
    /// </summary>
    public void StepThermal(double ambientCelsius, double seconds)
    {
        double lossWatts = (_celsius - ambientCelsius) * _wattsPerKelvin;
        Celsius = _celsius + (_heatJoules + (ConductedWatts - lossWatts) * seconds) * _kelvinPerJoule;
        _heatJoules = 0;
    }

    private double Exotherm(double seconds)
    {
        if (ExothermSpent >= 1)
            return 0;

        double rate = _exotherm.RateAtOnsetKelvinPerSecond
                      * Math.Exp((_celsius - _exotherm.OnsetCelsius) * Math.Log(2) / _exotherm.DoublingKelvin);
        // The reactants run out: the rate falls with what is left, and no step burns more than remains.
        double spent = Math.Min(1 - ExothermSpent, rate * (1 - ExothermSpent) * seconds / _exotherm.TotalRiseKelvin);
        ExothermSpent += spent;
        return spent * _exotherm.TotalRiseKelvin * HeatCapacityJoulesPerKelvin / seconds;
    }
}
