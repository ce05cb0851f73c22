using BenchmarkDotNet.Attributes;
using nanoFramework.BMS.Benchmark;

namespace nanoFramework.BMS.Benchmarks;

/// <summary>
/// One second of pack time on the synthetic pack (the IL counter's workload): every cycle of that
/// second, one of which encodes and publishes the telemetry batch. Reported per cycle, so the
/// mean is the cycle with the telemetry amortised over the second.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ControlCycleBenchmarks : PackShape
{
    private SyntheticPack _pack = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pack = new SyntheticPack(Cells, Thermistors, SampleRateHz);
        _pack.Run(3 * SampleRateHz);
    }

    /// <summary>OperationsPerInvoke must be a constant: 100 for the 100 Hz profile; the 10 Hz one runs ten seconds.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public void CycleWithTelemetryAmortised() => _pack.Run(100);
}
