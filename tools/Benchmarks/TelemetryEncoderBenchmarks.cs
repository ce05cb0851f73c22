using BenchmarkDotNet.Attributes;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Telemetry;

namespace nanoFramework.BMS.Benchmarks;

/// <summary>
/// The JSON encoder alone: one second of samples (100 at 16 cells and 8 sensors, 10 at 4 and 2)
/// into a telemetry message, and one alert. The batch is filled once with values like the
/// synthetic pack's.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TelemetryEncoderBenchmarks : PackShape
{
    private TelemetryBatch _batch = null!;
    private JsonTelemetryEncoder _encoder = null!;
    private FaultRecord _fault = null!;
    private LimitMonitor _limits = null!;
    private CurrentLimiter _currentLimits = null!;

    [GlobalSetup]
    public void Setup()
    {
        int cells = Cells;
        int thermistors = Thermistors;
        int samples = SampleRateHz;
        _batch = new TelemetryBatch(cells, thermistors, samples * 3 / 2 + 1);
        _encoder = new JsonTelemetryEncoder("pack1", JsonTelemetryEncoder.TelemetryCapacityBytes(cells, thermistors, _batch.Capacity));
        var sample = new Sample(cells, thermistors) { CellsValid = true, TemperaturesValid = true, CurrentValid = true };
        for (int n = 0; n < samples; n++)
        {
            sample.Sequence = n + 1;
            sample.TimeMs = 10L * n;
            for (int i = 0; i < cells; i++)
                sample.CellMillivolts[i] = 3600f + (i * 7 + n) % 40 * 1.22f;
            for (int i = 0; i < thermistors; i++)
                sample.Celsius[i] = 22f + (i * 5 + n) % 90 * 0.1f;
            sample.PackAmps = (n % 200 - 100) * 0.02f;
            sample.PackMillivolts = cells * 3650f + n % 50;
            _batch.Add(sample, 29);
        }

        var profile = ProfilePresets.Nmc(cells, thermistors, 3f, 100);
        var latch = new FaultLatch();
        _limits = new LimitMonitor(profile, latch);
        _currentLimits = new CurrentLimiter(profile);
        latch.Latch(FaultId.OverTemperature, 64.811f, "degC", 1, 1000, null);
        _fault = latch.Get(FaultId.OverTemperature);
    }

    [Benchmark]
    public int EncodeOneSecondOfTelemetry() => _encoder.EncodeTelemetry(_batch, 1, 10, ContactorState.Closed, 0, _limits, _currentLimits);

    [Benchmark]
    public int EncodeAlert() => _encoder.EncodeAlert(_fault, 1, ContactorState.Open, 1);
}
