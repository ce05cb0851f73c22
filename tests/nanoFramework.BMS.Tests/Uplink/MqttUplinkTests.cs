using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Sim.Mqtt;
using System.Text.Json;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>The uplink's behaviour on a fake session: session set-up, telemetry content, store-and-forward, backoff.</summary>
public class MqttUplinkTests
{
    [Fact]
    public void ConnectingSubscribesAndPublishesARetainedBirthWithAnOfflineWill()
    {
        var rig = new UplinkRig();
        rig.Run(1);

        Assert.Equal(["bms/pack1/cmd"], rig.Mqtt.Subscriptions);
        Assert.Equal("bms/pack1/status", rig.Mqtt.WillTopic);
        var will = JsonDocument.Parse(rig.Mqtt.Will!).RootElement;
        Assert.Equal("offline", will.GetProperty("state").GetString());
        var birth = rig.Mqtt.On("bms/pack1/status").Single();
        Assert.True(birth.Retain);
        Assert.Equal(1, birth.Qos);
        Assert.Equal("online", JsonDocument.Parse(birth.Payload).RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(PayloadFormat.Json)]
    [InlineData(PayloadFormat.Cbor)]
    public void TelemetryCarriesEverySampleOncePerSecond(PayloadFormat format)
    {
        var rig = new UplinkRig(new UplinkSettings { Format = format });
        rig.Board.Current.Amps = 1.25f;
        rig.Board.Cells.Counts[2] = FakeBoard.CellCounts(3900);
        rig.Run(500);

        var messages = rig.On("telemetry");
        Assert.Equal(5, messages.Count);
        long sampleSeq = 1;
        for (int k = 0; k < messages.Count; k++)
        {
            var m = messages[k];
            Assert.Equal(2, m.GetProperty("v").GetInt32());
            Assert.Equal(k + 1, m.GetProperty("seq").GetInt32());
            Assert.Equal("samples", m.GetProperty("mode").GetString());
            Assert.Equal(sampleSeq, m.GetProperty("sampleSeq").GetInt64());
            int n = m.GetProperty("n").GetInt32();
            sampleSeq += n;
            Assert.Equal(10, m.GetProperty("periodMs").GetInt32());
            Assert.Equal(100, n);
            var cells = WireDecoding.Undelta(m.GetProperty("cellMv"), n, 4);
            Assert.All(cells, row => Assert.InRange(row[2], 3895, 3905));
            Assert.All(cells, row => Assert.InRange(row[0], 3695, 3705));
            var current = WireDecoding.Undelta(m.GetProperty("currentMa"), n, 1);
            Assert.All(current, row => Assert.Equal(1250, row[0]));
            var flags = WireDecoding.Undelta(m.GetProperty("flags"), n, 1);
            Assert.All(flags, row => Assert.Equal(4 | 8 | 16, row[0]));
            Assert.Equal(2, WireDecoding.Undelta(m.GetProperty("tempDeciC"), n, 2)[0].Length);
        }
    }

    [Fact]
    public void AggregateModeSendsMinMaxMeanPerChannel()
    {
        var rig = new UplinkRig(new UplinkSettings { Mode = TelemetryMode.Aggregate, Format = PayloadFormat.Cbor });
        rig.Run(100);
        // One second with current stepping 0, 1, 2 A: min 0, max 2, mean 1.
        for (int i = 0; i < 99; i++)
        {
            rig.Board.Current.Amps = i % 3;
            rig.Run(1);
        }

        rig.Board.Current.Amps = 1;
        rig.Run(1);
        var m = rig.On("telemetry")[^1];
        Assert.Equal("agg", m.GetProperty("mode").GetString());
        Assert.Equal(100, m.GetProperty("n").GetInt32());
        Assert.Equal(1000, m.GetProperty("windowMs").GetInt32());
        var current = m.GetProperty("currentMa");
        Assert.Equal(0, current.GetProperty("min").GetInt32());
        Assert.Equal(2000, current.GetProperty("max").GetInt32());
        Assert.Equal(1000, current.GetProperty("mean").GetInt32());
        Assert.Equal(4, m.GetProperty("cellMv").GetProperty("mean").GetArrayLength());
        Assert.Equal(4 | 8 | 16, m.GetProperty("flags").GetProperty("all").GetInt32());
    }

    [Fact]
    public void AggregateModeFoldsEveryCellReadingAndEveryTemperatureReading()
    {
        var rig = new UplinkRig(new UplinkSettings { Mode = TelemetryMode.Aggregate, Format = PayloadFormat.Cbor });
        rig.Run(100);
        int baseCounts = FakeBoard.NormalCellCounts;
        var cell0 = new List<int>();
        for (int i = 0; i < 100; i++)
        {
            // Cell 1 walks over 7 counts; sensor 2 steps from 20 °C to 30 °C halfway.
            rig.Board.Cells.Counts[0] = baseCounts + (i * 3) % 7;
            cell0.Add(rig.Board.Cells.Counts[0]);
            rig.Board.Thermistors.Counts[1] = i < 50 ? FakeBoard.ThermistorCounts(20f) : FakeBoard.ThermistorCounts(30f);
            rig.Run(1);
        }

        var m = rig.On("telemetry")[^1];
        Assert.Equal(100, m.GetProperty("n").GetInt32());
        var calibration = rig.Board.Profile.CellCalibration[0];
        int Millivolts(double counts) => (int)Math.Round(counts * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts, MidpointRounding.AwayFromZero);
        var cells = m.GetProperty("cellMv");
        Assert.Equal(Millivolts(cell0.Min()), cells.GetProperty("min")[0].GetInt32());
        Assert.Equal(Millivolts(cell0.Max()), cells.GetProperty("max")[0].GetInt32());
        Assert.Equal(Millivolts(cell0.Average()), cells.GetProperty("mean")[0].GetInt32());
        Assert.Equal(Millivolts(baseCounts), cells.GetProperty("min")[1].GetInt32());
        Assert.Equal(Millivolts(baseCounts), cells.GetProperty("max")[1].GetInt32());

        // Each sensor is read at its turn in the scan: sensor 2 about half its readings at each temperature.
        var temps = m.GetProperty("tempDeciC");
        int Deci(float celsius) => (int)Math.Round(NtcTable.CountsToCelsius(FakeBoard.ThermistorCounts(celsius)) * 10, MidpointRounding.AwayFromZero);
        Assert.Equal(Deci(20f), temps.GetProperty("min")[1].GetInt32());
        Assert.Equal(Deci(30f), temps.GetProperty("max")[1].GetInt32());
        Assert.InRange(temps.GetProperty("mean")[1].GetInt32(), (Deci(20f) + Deci(30f)) / 2 - 2, (Deci(20f) + Deci(30f)) / 2 + 2);
        int room = (int)Math.Round(NtcTable.CountsToCelsius(FakeBoard.RoomTemperatureCounts) * 10, MidpointRounding.AwayFromZero);
        Assert.Equal(room, temps.GetProperty("min")[0].GetInt32());
        Assert.Equal(room, temps.GetProperty("mean")[0].GetInt32());
    }

    [Fact]
    public void ACycleThatFailsHalfWayThroughTheCellsRestartsTheWindowSoNoMeanIsOff()
    {
        var rig = new UplinkRig(new UplinkSettings { Mode = TelemetryMode.Aggregate, Format = PayloadFormat.Cbor });
        rig.Run(150);

        // Cells 0 and 1 are folded, then the port throws at cell 2: that cycle never reaches the window's count.
        rig.Board.Cells.ThrowOnceAt = 2;
        rig.Run(200);
        Assert.True(rig.Board.Firmware.Faults.Get(FaultId.InternalError).Latched);
        var calibration = rig.Board.Profile.CellCalibration[0];
        int expected = (int)Math.Round(FakeBoard.NormalCellCounts * calibration.GainMillivoltsPerCount + calibration.OffsetMillivolts, MidpointRounding.AwayFromZero);
        var messages = rig.On("telemetry");
        Assert.True(messages.Count >= 3);
        foreach (var m in messages)
        {
            var cells = m.GetProperty("cellMv");
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(expected, cells.GetProperty("mean")[i].GetInt32());
                Assert.Equal(expected, cells.GetProperty("max")[i].GetInt32());
            }
        }

        // The restarted window's samples are continuous from the cycle after the failure.
        var sequences = messages.Select(m => (First: m.GetProperty("sampleSeq").GetInt64(), N: m.GetProperty("n").GetInt32())).ToList();
        Assert.Contains(sequences.Zip(sequences.Skip(1)), pair => pair.First.First + pair.First.N < pair.Second.First);
    }

    [Fact]
    public void OfflineTelemetryIsStoredDroppedOldestFirstAndReplayedInOrder()
    {
        var rig = new UplinkRig(new UplinkSettings { TelemetrySlots = 8 });
        rig.Run(300);
        Assert.Equal(3, rig.On("telemetry").Count);

        rig.Mqtt.BrokerUp = false;
        rig.Run(20 * 100);
        // A trip while offline: the alert waits in its own queue.
        rig.Board.Cells.Counts[1] = FakeBoard.CellCounts(4400);
        rig.Run(10 * 100);
        Assert.Equal(8, rig.Uplink.QueuedTelemetry);
        Assert.Equal(30 - 8, rig.Uplink.TelemetryDropped);
        Assert.Equal(1, rig.Uplink.QueuedAlerts);

        rig.Mqtt.BrokerUp = true;
        rig.Run(70 * 100);
        var telemetry = rig.On("telemetry");
        var seqs = telemetry.Select(m => m.GetProperty("seq").GetInt32()).ToList();
        // The ring kept overflowing until the backoff let the uplink try again; whatever it
        // dropped is one gap right after the last message sent before the outage, exactly as
        // large as the count in status, and everything after it arrives in order.
        int dropped = rig.Uplink.TelemetryDropped;
        Assert.True(dropped >= 22);
        Assert.Equal([1, 2, 3], seqs.Take(3));
        Assert.Equal(Enumerable.Range(4 + dropped, seqs.Count - 3), seqs.Skip(3));
        var replayed = telemetry[3];
        Assert.Equal((4 + dropped) * 1000 - 990, replayed.GetProperty("t0Ms").GetInt64());
        var alert = rig.On("alert").Single();
        Assert.Equal("cell_over_voltage", alert.GetProperty("fault").GetString());
        Assert.Equal("maximum", alert.GetProperty("tier").GetString());
        var status = rig.On("status", false)[^1];
        Assert.Equal(dropped, status.GetProperty("dropped").GetInt32());
        Assert.Equal(0, status.GetProperty("queued").GetInt32());
        // The first publish after the reconnect was the alert, ahead of the telemetry backlog.
        var reconnected = rig.Mqtt.Messages.SkipWhile(m => !m.Topic.EndsWith("/status") || m == rig.Mqtt.Messages[0]).Skip(1).First();
        Assert.EndsWith("/alert", reconnected.Topic);
    }

    [Fact]
    public void AlertsOverflowingTheirQueueTakeTelemetrySlotsNotOtherAlerts()
    {
        var rig = new UplinkRig(new UplinkSettings { TelemetrySlots = 4, AlertSlots = 1 });
        rig.Mqtt.BrokerUp = false;
        rig.Run(500);
        rig.Board.Cells.Counts[1] = FakeBoard.CellCounts(4400);
        rig.Board.Current.Status = Ports.CurrentSensorStatus.NoAcknowledge;
        rig.Board.Thermistors.Counts[0] = -1;
        rig.Run(100);
        Assert.Equal(3, rig.Uplink.AlertSequence);
        Assert.Equal(0, rig.Uplink.AlertsDropped);

        rig.Mqtt.BrokerUp = true;
        rig.Run(1000);
        var alerts = rig.On("alert").Select(a => a.GetProperty("seq").GetInt32()).Order().ToList();
        Assert.Equal([1, 2, 3], alerts);
    }

    [Fact]
    public void ReconnectsBackOffExponentiallyWithJitterUpToTheCap()
    {
        var rig = new UplinkRig(new UplinkSettings { ReconnectFirstDelayMs = 1000, ReconnectMaxDelayMs = 16000 });
        rig.Mqtt.BrokerUp = false;
        var attempts = new List<long>();
        long lastNext = -1;
        for (int i = 0; i < 120_00; i++)
        {
            rig.Run(1);
            if (rig.Uplink.NextAttemptMs != lastNext)
            {
                attempts.Add(rig.Board.Clock.NowMs);
                lastNext = rig.Uplink.NextAttemptMs;
            }
        }

        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        int[] ceilings = [1000, 2000, 4000, 8000, 16000, 16000, 16000];
        for (int i = 0; i < ceilings.Length; i++)
            Assert.InRange(gaps[i], ceilings[i] / 2, ceilings[i] + 10);
        Assert.True(gaps.Distinct().Count() > 3, "jitter spreads the retries");
        Assert.All(gaps, g => Assert.True(g <= 16010));

        rig.Mqtt.BrokerUp = true;
        rig.Run(16_100 / 10);
        Assert.True(rig.Uplink.Connected);
    }

    [Fact]
    public void APublishFailureMidBacklogLosesNothing()
    {
        var rig = new UplinkRig(new UplinkSettings { TelemetrySlots = 50 });
        rig.Mqtt.BrokerUp = false;
        rig.Run(10 * 100);
        rig.Mqtt.BrokerUp = true;
        rig.Mqtt.FailPublishesAfter = 4;
        rig.Run(100);
        rig.Mqtt.FailPublishesAfter = int.MaxValue;
        rig.Run(30 * 100);
        var seqs = rig.On("telemetry").Select(m => m.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);
        Assert.Equal(0, rig.Uplink.TelemetryDropped);
    }

    [Fact]
    public void WithoutAnMqttPortTheFirmwareRunsAsBefore()
    {
        var board = new FakeBoard();
        board.Step(200);
        Assert.Null(board.Firmware.Mqtt);
        Assert.Equal(ContactorState.Open, board.Firmware.ContactorState);
        Assert.True(board.Uplink.Count >= 1);
        _ = FaultId.None;
    }
}
