namespace nanoFramework.BMS.IlCounter;

/// <summary>A pack shape to measure; all run the NMC preset on the synthetic pack.</summary>
public sealed record MeasuredProfile(int Cells, int Thermistors, int SampleRateHz)
{
    /// <summary>The two profiles of issue 8: the smallest common pack and the largest, fastest one.</summary>
    public static readonly MeasuredProfile[] Standard =
    [
        new(4, 2, 10),
        new(16, 8, 100),
    ];

    public string Title => $"{Cells} cells, {Thermistors} thermistors, {SampleRateHz} Hz";
}
