using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;

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

    /// <summary>
    /// The INA219's range covers 15 C (past every preset's fast over-current limit): the shunt
    /// drops 300 mV at 15 C (the PGA's range is 320 mV), and the current register's 32,000
    /// counts span 15 C.
    /// </summary>
    public double RangeAmps => CapacityAh * 15;
    public double ShuntOhms => 0.3 / RangeAmps;
    public float CurrentLsbAmps => (float)(RangeAmps / 32000);

    /// <summary>How the cells differ from each other (capacity, resistance, self-discharge, initial SoC).</summary>
    public PackSpread Spread { get; init; } = new();

    /// <summary>Divider in front of the INA219's bus input, which reads at most 26 V.</summary>
    public double PackVoltsPerBusVolt => Cells * 4.3 > 26 ? Math.Ceiling(Cells * 4.3 / 26) : 1;

    public PackProfile Profile()
    {
        return ProfilePresets.For(Chemistry, Cells, Thermistors, (float)CapacityAh, SampleRateHz);
    }
}
