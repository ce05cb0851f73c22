using System.Globalization;
using System.Text;
using System.Text.Json;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Sim;

/// <summary>
/// Measures wire bytes per cell sample of the firmware's telemetry, on the simulated pack with
/// its sensor noise, against the forms others use for the same samples: one JSON object per
/// cell reading, and diyBMS v4's per-module JSON (one message per module per reading). Bytes
/// are payload bytes; "with MQTT" adds each message's PUBLISH framing at QoS 0 (fixed header,
/// remaining length, topic).
/// </summary>
public static class WireSizeBenchmark
{
    public sealed record Row(string Form, double BytesPerCellSample, double MqttBytesPerCellSample, int LargestMessageBytes, double MessagesPerSecond);

    public static IReadOnlyList<Row> Measure(int cells = 16, int thermistors = 8, int rateHz = 100, int seconds = 20)
    {
        var rows = new List<Row>();
        List<JsonElement> decoded = [];
        foreach (var format in new[] { PayloadFormat.Cbor, PayloadFormat.Json })
        {
            var messages = Telemetry(format, cells, thermistors, rateHz, seconds);
            long cellSamples = 0;
            foreach (var m in messages)
            {
                var root = WireDecoding.Parse(m.Payload, format == PayloadFormat.Cbor);
                cellSamples += root.GetProperty("n").GetInt64() * cells;
                if (format == PayloadFormat.Json)
                    decoded.Add(root);
            }

            rows.Add(new Row(
                format == PayloadFormat.Cbor ? "CBOR, delta-coded columns (this firmware)" : "JSON, delta-coded columns (this firmware)",
                messages.Sum(m => (double)m.Payload.Length) / cellSamples,
                messages.Sum(m => (double)MqttFramedBytes(m.Topic, m.Payload.Length)) / cellSamples,
                messages.Max(m => m.Payload.Length),
                messages.Count / (double)seconds));
        }

        rows.Add(PerReading("naive JSON, one object per cell reading", decoded, cells, thermistors, rateHz, Naive));
        rows.Add(PerReading("diyBMS v4 per-module JSON (full reporting)", decoded, cells, thermistors, rateHz, DiyBms));
        return rows;
    }

    public static string Table(IReadOnlyList<Row> rows, int cells = 16, int rateHz = 100)
    {
        var text = new StringBuilder();
        text.AppendLine($"wire bytes per cell sample, {cells} cells at {rateHz} Hz, one-second batches (simulated pack, charging, sensor noise)");
        text.AppendLine();
        text.AppendLine("| form | bytes/cell sample | with MQTT framing | largest message | messages/s |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Form} | {r.BytesPerCellSample:0.00} | {r.MqttBytesPerCellSample:0.00} | {r.LargestMessageBytes} B | {r.MessagesPerSecond:0.#} |"));
        return text.ToString();
    }

    /// <summary>The firmware's telemetry messages over the measured seconds, after two seconds of settling.</summary>
    private static List<RecordingMqttTransport.Message> Telemetry(PayloadFormat format, int cells, int thermistors, int rateHz, int seconds)
    {
        var transport = new RecordingMqttTransport();
        var settings = new UplinkSettings { Format = format, TelemetrySlots = 4 };
        var board = new SimBoard(new SimBoardConfig { Cells = cells, Thermistors = thermistors, SampleRateHz = rateHz, Seed = 3 }, mqtt: transport, mqttSettings: settings);
        board.Pack.Load = new CcCvCharger(1.5, 4.2);
        board.Step();
        board.Firmware.RequestClose();
        for (long t = 0; t < (seconds + 2) * 1000L; t += board.Profile.PeriodMs)
        {
            board.Step();
            board.Firmware.Mqtt!.Service();
        }

        string topic = board.Firmware.Mqtt!.TelemetryTopic;
        return transport.Messages.Where(m => m.Topic == topic).Skip(2).Take(seconds).ToList();
    }

    private delegate (string Topic, byte[] Payload) Reading(int cell, long timeMs, long cellMv, long currentMa, long deciC);

    /// <summary>The same samples re-encoded one message per cell reading.</summary>
    private static Row PerReading(string form, List<JsonElement> messages, int cells, int thermistors, int rateHz, Reading encode)
    {
        long payload = 0, framed = 0, count = 0;
        int largest = 0;
        foreach (var m in messages)
        {
            int n = m.GetProperty("n").GetInt32();
            long t0 = m.GetProperty("t0Ms").GetInt64();
            int period = m.GetProperty("periodMs").GetInt32();
            var cellMv = WireDecoding.Undelta(m.GetProperty("cellMv"), n, cells);
            var deciC = WireDecoding.Undelta(m.GetProperty("tempDeciC"), n, thermistors);
            var currentMa = WireDecoding.Undelta(m.GetProperty("currentMa"), n, 1);
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < cells; c++)
                {
                    var (topic, bytes) = encode(c, t0 + (long)i * period, cellMv[i][c], currentMa[i][0], deciC[i][c * thermistors / cells]);
                    payload += bytes.Length;
                    framed += MqttFramedBytes(topic, bytes.Length);
                    largest = Math.Max(largest, bytes.Length);
                    count++;
                }
            }
        }

        return new Row(form, payload / (double)count, framed / (double)count, largest, rateHz * cells);
    }

    private static readonly DateTime Epoch = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static (string, byte[]) Naive(int cell, long timeMs, long cellMv, long currentMa, long deciC) =>
        ("bms/pack1/readings", JsonSerializer.SerializeToUtf8Bytes(new
        {
            pack_id = "pack1",
            cell_id = cell + 1,
            voltage = cellMv / 1000.0,
            current = currentMa / 1000.0,
            temperature = deciC / 10.0,
            timestamp = Epoch.AddMilliseconds(timeMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }));

    /// <summary>diyBMS v4 (ESPController/src/mqtt.cpp, MQTTCellData): topic diybms/BANK/MODULE, voltages in V with 3 decimals.</summary>
    private static (string, byte[]) DiyBms(int cell, long timeMs, long cellMv, long currentMa, long deciC)
    {
        string v = (cellMv / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        long celsius = deciC / 10;
        return ($"diybms/0/{cell}", Encoding.ASCII.GetBytes(
            $"{{\"voltage\":{v},\"exttemp\":{celsius},\"vMax\":{v},\"vMin\":{v},\"inttemp\":{celsius},\"bypass\":0,\"PWM\":0,\"bypassT\":0,\"bpc\":0,\"mAh\":0}}"));
    }

    /// <summary>A QoS 0 PUBLISH: 1 byte header, remaining length (1-4 bytes), topic length and topic, payload.</summary>
    public static int MqttFramedBytes(string topic, int payloadBytes)
    {
        int remaining = 2 + Encoding.UTF8.GetByteCount(topic) + payloadBytes;
        int lengthBytes = remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }
}
