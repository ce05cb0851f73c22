using System.Text.Json;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Sim.Pack;
using nanoFramework.BMS.Sim.Peripherals;
using nanoFramework.BMS.Uplink;
using Xunit.Abstractions;

namespace nanoFramework.BMS.Tests.Broker;

/// <summary>
/// The firmware on the simulated board, in virtual time, publishing through MQTTnet to a real
/// mosquitto; a separate cloud client decodes every payload (System.Text.Json, System.Formats.Cbor)
/// and validates it against docs/schema. The test plays the board's uplink thread in lockstep
/// with the control cycle, so virtual time runs as fast as the broker answers.
/// </summary>
public class MosquittoTests(ITestOutputHelper output)
{
    private static readonly byte[] Key = "mosquitto-test-key-0123456789abc"u8.ToArray();

    private sealed class Rig : IDisposable
    {
        public readonly MosquittoBroker Broker = new();
        public readonly CloudClient Cloud;
        public readonly MqttNetTransport Transport;
        public readonly SimBoard Board;
        public readonly CommandBuilder Commands = new("pack1", Key);

        public Rig(UplinkSettings settings, SimBoardConfig config)
        {
            Cloud = new CloudClient(Broker.Endpoint, "bms/#", "homeassistant/#");
            Transport = new MqttNetTransport(Broker.Endpoint, TimeSpan.FromSeconds(2));
            settings.CommandKey = Key;
            Board = new SimBoard(config, mqtt: Transport, mqttSettings: settings);
            Board.Pack.Load = new CcCvCharger(1.0, 4.2);
        }

        public MqttUplink Uplink => Board.Firmware.Mqtt!;

        public void Run(long ms, Func<bool>? stop = null)
        {
            long end = Board.NowMs + ms;
            while (Board.NowMs < end && (stop == null || !stop()))
            {
                Board.Step();
                Uplink.Service();
            }
        }

        /// <summary>Sends a command and runs the board until its ack reaches the cloud.</summary>
        public JsonElement Command(byte[] payload, bool cbor)
        {
            int before = Cloud.On("bms/pack1/cmd/ack").Count;
            Cloud.Publish("bms/pack1/cmd", payload);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Cloud.On("bms/pack1/cmd/ack").Count == before)
            {
                Assert.True(DateTime.UtcNow < deadline, "no ack");
                Run(Board.Profile.PeriodMs);
                Thread.Sleep(1);
            }

            return WireDecoding.Parse(Cloud.On("bms/pack1/cmd/ack")[before].Payload, cbor);
        }

        public void Dispose()
        {
            Transport.Dispose();
            Cloud.Dispose();
            Broker.Dispose();
        }
    }

    [Theory]
    [InlineData(PayloadFormat.Json, TelemetryMode.Samples)]
    [InlineData(PayloadFormat.Cbor, TelemetryMode.Samples)]
    [InlineData(PayloadFormat.Json, TelemetryMode.Aggregate)]
    [InlineData(PayloadFormat.Cbor, TelemetryMode.Aggregate)]
    public void EveryPayloadDecodesAndMatchesTheSchema(PayloadFormat format, TelemetryMode mode)
    {
        bool cbor = format == PayloadFormat.Cbor;
        using var rig = new Rig(new UplinkSettings { Format = format, Mode = mode, HomeAssistantDiscovery = true },
            new SimBoardConfig { Cells = 16, Thermistors = 8, SampleRateHz = 100, Seed = 11 });
        rig.Run(10);
        Assert.True(rig.Uplink.Connected, rig.Broker.Log);

        // Remote close, signed, in the configured format; then a fault trips and the contactor opens.
        var close = rig.Command(cbor ? rig.Commands.Cbor("k1", "contactor/close", 1) : rig.Commands.Json("k1", "contactor/close", 1), cbor);
        Assert.Equal("accepted", close.GetProperty("result").GetString());
        rig.Run(1000);
        Assert.Equal(ContactorState.Closed, rig.Board.Firmware.ContactorState);
        rig.Run(3000);
        rig.Board.Inject("i2c_nack", "INA219 stops acknowledging", () => rig.Board.Ina219.Failure = I2cFailure.NoAcknowledge);
        rig.Run(2000);
        Assert.Equal(ContactorState.Open, rig.Board.Firmware.ContactorState);
        var refused = rig.Command(cbor ? rig.Commands.Cbor("k2", "contactor/close", 2) : rig.Commands.Json("k2", "contactor/close", 2), cbor);
        Assert.Equal(ContactorControl.RefusedFaultLatched, refused.GetProperty("reason").GetString());
        var unsigned = rig.Command(cbor ? rig.Commands.Cbor("k3", "contactor/close", 3, sign: false) : rig.Commands.Json("k3", "contactor/close", 3, sign: false), cbor);
        Assert.Equal("unsigned", unsigned.GetProperty("reason").GetString());
        rig.Command(cbor ? rig.Commands.Cbor("k4", "status/get") : rig.Commands.Json("k4", "status/get"), cbor);
        rig.Run(2000);

        int produced = rig.Uplink.TelemetrySequence;
        rig.Cloud.WaitFor(m => m.Count(x => x.Topic == "bms/pack1/telemetry") >= produced && m.Any(x => x.Topic == "bms/pack1/alert"), "all telemetry and the alert");

        int telemetry = 0;
        foreach (var message in rig.Cloud.Messages)
        {
            if (message.Topic.StartsWith("homeassistant/"))
            {
                Assert.Equal(PayloadFormat.Json, format);
                var config = JsonDocument.Parse(message.Payload).RootElement;
                Assert.Equal("bms/pack1/telemetry", config.GetProperty("state_topic").GetString());
                Assert.Equal("bms/pack1/status", config.GetProperty("availability_topic").GetString());
                Assert.StartsWith("{{ value_json.", config.GetProperty("value_template").GetString());
                continue;
            }

            if (message.Topic == "bms/pack1/cmd")
                continue;
            // Status is JSON in both formats; acks answer in the command's format.
            bool isCbor = cbor && message.Topic is "bms/pack1/telemetry" or "bms/pack1/alert" or "bms/pack1/cmd/ack";
            var payload = WireDecoding.Parse(message.Payload, isCbor && message.Topic != "bms/pack1/status");
            Schemas.AssertValid(message.Topic, payload);
            if (message.Topic == "bms/pack1/telemetry")
            {
                telemetry++;
                Assert.Equal(telemetry, payload.GetProperty("seq").GetInt32());
                Assert.True(message.Payload.Length < 8192);
                if (mode == TelemetryMode.Samples)
                {
                    int n = payload.GetProperty("n").GetInt32();
                    var cells = WireDecoding.Undelta(payload.GetProperty("cellMv"), n, 16);
                    Assert.All(cells.SelectMany(r => r), mv => Assert.InRange(mv, 3000, 4300));
                }
                else
                {
                    Assert.All(payload.GetProperty("cellMv").GetProperty("mean").EnumerateArray(), mv => Assert.InRange(mv.GetInt32(), 3000, 4300));
                }
            }
        }

        Assert.Equal(produced, telemetry);
        var alert = WireDecoding.Parse(rig.Cloud.On("bms/pack1/alert").Single().Payload, cbor);
        Assert.Equal("current_sensor_lost", alert.GetProperty("fault").GetString());
        Assert.Equal("opening", alert.GetProperty("contactor").GetString());

        // A client arriving later finds the retained status and discovery configs; a power cut leaves the retained will.
        // Pack voltage, current, faults, contactor, state of charge and of health, then every cell and sensor.
        int discovery = format == PayloadFormat.Json ? 6 + 16 + 8 : 0;
        using (var late = new CloudClient(rig.Broker.Endpoint, "bms/pack1/status", "homeassistant/#"))
        {
            late.WaitFor(m => m.Count == 1 + discovery, "retained status and discovery");
            Assert.All(late.Messages, m => Assert.True(m.Retain));
            Assert.Equal("online", JsonDocument.Parse(late.On("bms/pack1/status").Single().Payload).RootElement.GetProperty("state").GetString());
        }

        rig.Transport.Abort();
        rig.Cloud.WaitFor(m => m.Any(x => x.Topic == "bms/pack1/status" && x.Payload.Length < 60), "the will", 15);
        var will = JsonDocument.Parse(rig.Cloud.On("bms/pack1/status")[^1].Payload).RootElement;
        Schemas.AssertValid("bms/pack1/status", will);
        Assert.Equal("offline", will.GetProperty("state").GetString());
        output.WriteLine($"{format} {mode}: {telemetry} telemetry messages, largest {rig.Cloud.On("bms/pack1/telemetry").Max(m => m.Payload.Length)} bytes");
    }

    [Fact]
    public void ABrokerOutageLosesNoAlertReplaysInOrderAndCountsTheDropsExactly()
    {
        using var rig = new Rig(
            new UplinkSettings { TelemetryQos = 1, TelemetrySlots = 10, ReconnectFirstDelayMs = 500, ReconnectMaxDelayMs = 4000 },
            new SimBoardConfig { Cells = 4, Thermistors = 2, SampleRateHz = 100, Seed = 5 });
        rig.Run(10);
        rig.Command(rig.Commands.Json("o1", "contactor/close", 1), false);
        rig.Run(5000);
        int before = rig.Uplink.TelemetrySequence;
        rig.Cloud.WaitFor(m => m.Count(x => x.Topic == "bms/pack1/telemetry") == before, "telemetry before the outage");

        rig.Broker.Stop();
        long downAt = rig.Board.NowMs;
        // Thirty seconds offline: telemetry overflows the ring of ten, two faults trip.
        rig.Run(10_000);
        rig.Board.Inject("hot_cell", "cell 1 heated", () => rig.Board.Pack.Cells[0].ExtraHeatWatts = 300);
        rig.Run(10_000, () => rig.Board.Firmware.Faults.AnyLatched);
        rig.Board.Inject("i2c_nack", "INA219 stops acknowledging", () => rig.Board.Ina219.Failure = I2cFailure.NoAcknowledge);
        rig.Run(30_000 - (rig.Board.NowMs - downAt));
        Assert.False(rig.Uplink.Connected);
        int alertsRaised = rig.Uplink.AlertSequence;
        Assert.True(alertsRaised >= 2, $"{alertsRaised} alerts while offline");
        Assert.Equal(10, rig.Uplink.QueuedTelemetry);

        rig.Broker.Start();
        rig.Cloud.Connect();
        // Until the backlog is out and the status after it is published (virtual time, bounded).
        long deadline = rig.Board.NowMs + 20_000;
        while ((rig.Uplink.QueuedTelemetry > 0 || rig.Uplink.QueuedAlerts > 0 || !rig.Uplink.Connected) && rig.Board.NowMs < deadline)
            rig.Run(10);
        rig.Run(2000);
        int produced = rig.Uplink.TelemetrySequence;
        int dropped = rig.Uplink.TelemetryDropped;
        rig.Cloud.WaitFor(m => m.Count(x => x.Topic == "bms/pack1/telemetry") == produced - dropped, "telemetry after the outage");

        var telemetry = rig.Cloud.On("bms/pack1/telemetry").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var seqs = telemetry.Select(t => t.GetProperty("seq").GetInt32()).ToList();
        var alerts = rig.Cloud.On("bms/pack1/alert").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var statuses = rig.Cloud.On("bms/pack1/status").Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        output.WriteLine($"{produced} telemetry produced, {dropped} dropped, {seqs.Count} received; alerts {alerts.Count}; reconnects {rig.Uplink.Connects}");

        // No alert lost: every alert number once, in order, with the fault it reported (the hot
        // cell may raise more after the broker is back: the count is the final one).
        Assert.Equal(Enumerable.Range(1, rig.Uplink.AlertSequence), alerts.Select(a => a.GetProperty("seq").GetInt32()));
        Assert.Contains(alerts, a => a.GetProperty("fault").GetString() == "over_temperature");
        Assert.Contains(alerts, a => a.GetProperty("fault").GetString() == "current_sensor_lost");

        // Sequence numbers continuous after the replay: one gap, right after the last message
        // before the outage, exactly as wide as the dropped count in the final status.
        Assert.Equal(Enumerable.Range(1, before), seqs.Take(before));
        Assert.Equal(Enumerable.Range(before + 1 + dropped, produced - before - dropped), seqs.Skip(before));
        Assert.True(dropped > 0);
        var last = statuses[^1];
        Assert.Equal("online", last.GetProperty("state").GetString());
        Assert.Equal(dropped, last.GetProperty("dropped").GetInt32());
        Assert.Equal(0, last.GetProperty("queued").GetInt32());
        Assert.Equal(0, last.GetProperty("alertsDropped").GetInt32());
        Assert.Equal(2, last.GetProperty("connects").GetInt32());

        // The replayed messages kept their original timestamps: t0 follows from the sequence number.
        long t0First = telemetry[0].GetProperty("t0Ms").GetInt64();
        foreach (var t in telemetry)
            Assert.Equal(t0First + (t.GetProperty("seq").GetInt32() - 1) * 1000L, t.GetProperty("t0Ms").GetInt64());
    }
}
