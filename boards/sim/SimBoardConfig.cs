using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim;

/// <summary>The simulated board's wiring and the pack it is connected to.</summary>
public sealed record SimBoardConfig
{
    public Chemistry Chemistry { get; init; } = Chemistry.Nmc;
    public int Cells { get; init; } = 4;
    public int Thermistors { get; init; } = 2;
    public double CapacityAh { get; init; } = 3.0;
    public int SampleRateHz { get; init; } = 50;
    public double InitialSoc { get; init; } = 0.5;
    public double AmbientCelsius { get; init; } = 25;
    public int Seed { get; init; } = 1;

    /// <summary>Shunt of the INA219 and the current per count of its current register.</summary>
    public double ShuntOhms { get; init; } = 0.002;
    public float CurrentLsbAmps { get; init; } = 0.001f;

    /// <summary>Series resistance of one cell at 25 °C (LG 18650HG2: 19.4 mΩ).</summary>
    public double CellResistanceOhms { get; init; } = 0.0194;

    /// <summary>Divider in front of the INA219's bus input, which reads at most 26 V.</summary>
    public double PackVoltsPerBusVolt => Cells * 4.3 > 26 ? Math.Ceiling(Cells * 4.3 / 26) : 1;

    public PackProfile Profile()
    {
        return ProfilePresets.For(Chemistry, Cells, Thermistors, (float)CapacityAh, SampleRateHz);
    }
}
