namespace nanoFramework.BMS.Sim.Pack;

/// <summary>One cell: charge, series resistance that rises in the cold, and a lumped thermal mass.</summary>
public sealed class CellModel
{
    // Resistance relative to 25 °C: roughly doubles by 0 °C (shared/reference/cell-models.md).
    private static readonly double[] FactorCelsius = { -20, -10, 0, 10, 25, 45, 60 };
    private static readonly double[] ResistanceFactor = { 6.0, 3.5, 2.0, 1.4, 1.0, 0.8, 0.7 };

    public double Soc;
    public double CapacityAh;
    public double Resistance25Ohms;
    public double Celsius;

    /// <summary>Heat from outside the electrochemistry (a fault injection), W.</summary>
    public double ExtraHeatWatts;

    /// <summary>Heat flowing in from the neighbouring cells during the current step, W.</summary>
    public double ConductedWatts;

    public double HeatCapacityJoulesPerKelvin = 45;
    public double ThermalResistanceKelvinPerWatt = 20;

    public double ResistanceOhms => Resistance25Ohms * Interpolation.Linear(FactorCelsius, ResistanceFactor, Celsius);

    /// <summary>Terminal voltage at the given current (positive charging).</summary>
    public double TerminalVolts(OcvCurve ocv, double amps) => ocv.Volts(Soc) + amps * ResistanceOhms;

    public void Step(double amps, double ambientCelsius, double seconds)
    {
        double heatWatts = amps * amps * ResistanceOhms + ExtraHeatWatts + ConductedWatts;
        double lossWatts = (Celsius - ambientCelsius) / ThermalResistanceKelvinPerWatt;
        Celsius += (heatWatts - lossWatts) * seconds / HeatCapacityJoulesPerKelvin;
        Soc += amps * seconds / 3600.0 / CapacityAh;
        Soc = Math.Clamp(Soc, 0.0, 1.0);
    }
}
