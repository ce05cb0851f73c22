using BenchmarkDotNet.Attributes;

namespace nanoFramework.BMS.Benchmarks;

/// <summary>The profiles of the IL counter as a benchmark parameter: 4 cells, 2 thermistors, 10 Hz; 16 cells, 8 thermistors, 100 Hz.</summary>
public abstract class PackShape
{
    [Params(4, 16)]
    public int Cells { get; set; }

    protected int Thermistors => Cells / 2;

    protected int SampleRateHz => Cells == 16 ? 100 : 10;
}
