using BenchmarkDotNet.Attributes;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Telemetry;
using nanoFramework.BMS.Uplink;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Benchmarks;

/// <summary>
/// The telemetry composers alone, in both formats: one second of samples (100 at 16 cells and
/// 8 sensors, 10 at 4 and 2) into a samples-mode message, and one alert. The batch is filled
/// once with values like the synthetic pack's.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TelemetryEncoderBenchmarks : PackShape
{
    [Params(PayloadFormat.Json, PayloadFormat.Cbor)]
    public PayloadFormat Format { get; set; }

    private TelemetryBatch _batch = null!;
    private TelemetryComposer _telemetry = null!;
    private EventComposer _events = null!;
    private PayloadWriter _writer = null!;
    private byte[] _buffer = null!;
    private FaultRecord _fault = null!;

    [GlobalSetup]
    public void Setup()
    {
        int cells = Cells;
        int thermistors = Thermistors;
        int samples = SampleRateHz;
        _batch = new TelemetryBatch(cells, thermistors, TelemetryProducer.BatchSamples(samples));
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

        var fields = new MessageFields();
        _telemetry = new TelemetryComposer("pack1", cells, thermistors, null, fields, TelemetryMode.Samples);
        _events = new EventComposer("pack1", fields);
        _writer = Format == PayloadFormat.Cbor ? new CborPayloadWriter() : new JsonPayloadWriter();
        var settings = new UplinkSettings { Format = Format };
        _buffer = new byte[MqttUplink.TelemetrySlotBytes(cells, thermistors, _batch.Capacity, settings)];
        var latch = new FaultLatch();
        latch.Latch(FaultId.OverTemperature, 64.811f, "degC", 1, 1000, null);
        _fault = latch.Get(FaultId.OverTemperature);
    }

    [Benchmark]
    public int EncodeOneSecondOfTelemetry()
    {
        _writer.Begin(_buffer, _buffer.Length);
        _telemetry.WriteSamples(_writer, _batch, 0, _batch.Count, 1, 1, 10, ContactorState.Closed, 0);
        return _writer.Length;
    }

    [Benchmark]
    public int EncodeAlert()
    {
        _writer.Begin(_buffer, _buffer.Length);
        _events.WriteAlert(_writer, _fault, 1, ContactorState.Open, 1);
        return _writer.Length;
    }
}
