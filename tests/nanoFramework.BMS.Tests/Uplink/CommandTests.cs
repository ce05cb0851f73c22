using System.Text;
using System.Text.Json;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Tests.Fakes;
using nanoFramework.BMS.Uplink;
using nanoFramework.BMS.Uplink.Commands;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>Commands over the uplink: authentication, replay, safety gating, acks, and hostile input.</summary>
public class CommandTests
{
    /// <summary>The same command in the format under test; the ack comes back in the same format.</summary>
    private static byte[] Make(UplinkRig rig, bool cbor, string id, string cmd, long? counter = null, long? intervalMs = null, bool sign = true) =>
        cbor ? rig.Cloud.Cbor(id, cmd, counter, intervalMs, sign)
             : rig.Cloud.Json(id, cmd, counter, intervalMs == null ? null : $"{{\"ms\":{intervalMs}}}", sign);

    private static (string Result, string? Reason) Ack(UplinkRig rig, bool cbor, byte[] command)
    {
        var ack = rig.Send(command, cbor);
        return (ack.GetProperty("result").GetString()!, UplinkRig.Reason(ack));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CloseNeedsAValidFreshSignatureAndNoLatchedFault(bool cbor)
    {
        var rig = new UplinkRig();
        rig.Run(10);

        Assert.Equal(("rejected", RejectReason.Unsigned), Ack(rig, cbor, Make(rig, cbor, "c1", "contactor/close", 1, sign: false)));
        var forged = new CommandBuilder("pack1", "not-the-key"u8.ToArray());
        Assert.Equal(("rejected", RejectReason.BadSignature), Ack(rig, cbor, cbor ? forged.Cbor("c2", "contactor/close", 2) : forged.Json("c2", "contactor/close", 2)));
        var otherDevice = new CommandBuilder("pack2", UplinkRig.Key);
        Assert.Equal(("rejected", RejectReason.BadSignature), Ack(rig, cbor, cbor ? otherDevice.Cbor("c3", "contactor/close", 3) : otherDevice.Json("c3", "contactor/close", 3)));
        Assert.Equal(ContactorState.Open, rig.Board.Firmware.ContactorState);

        var close = Make(rig, cbor, "c4", "contactor/close", 10);
        var ack = rig.Send(close, cbor);
        Assert.Equal("accepted", ack.GetProperty("result").GetString());
        Assert.Equal("c4", ack.GetProperty("id").GetString());
        Assert.Equal("precharging", ack.GetProperty("contactor").GetString());
        rig.Run(3);
        Assert.Equal(ContactorState.Closed, rig.Board.Firmware.ContactorState);

        // The same bytes again, and an older counter: replays.
        rig.Board.Firmware.OpenContactor();
        Assert.Equal(("rejected", RejectReason.Replayed), Ack(rig, cbor, close));
        Assert.Equal(("rejected", RejectReason.Replayed), Ack(rig, cbor, Make(rig, cbor, "c5", "contactor/close", 9)));
        Assert.Equal(ContactorState.Opening, rig.Board.Firmware.ContactorState);

        // A latched fault: correctly signed, still refused, through the contactor's own gate.
        rig.Board.Cells.Counts[0] = FakeBoard.CellCounts(4400);
        rig.Run(20);
        Assert.True(rig.Board.Firmware.Faults.AnyLatched);
        Assert.Equal(("rejected", ContactorControl.RefusedFaultLatched), Ack(rig, cbor, Make(rig, cbor, "c6", "contactor/close", 11)));
        Assert.NotEqual(ContactorState.Closed, rig.Board.Firmware.ContactorState);

        // Clearing needs the condition gone.
        Assert.Equal(("rejected", RejectReason.ConditionsPresent), Ack(rig, cbor, Make(rig, cbor, "c7", "faults/clear", 12)));
        rig.Board.Cells.Counts[0] = FakeBoard.NormalCellCounts;
        rig.Run(20);
        Assert.Equal(("accepted", null), Ack(rig, cbor, Make(rig, cbor, "c8", "faults/clear", 13)));

        // The opening sequence (weld check) finishes before a new close is accepted.
        rig.Run(120);
        Assert.Equal(("accepted", null), Ack(rig, cbor, Make(rig, cbor, "c9", "contactor/close", 14)));
        rig.Run(3);
        Assert.Equal(ContactorState.Closed, rig.Board.Firmware.ContactorState);

        // Opening is always accepted, signed or not.
        Assert.Equal(("accepted", null), Ack(rig, cbor, Make(rig, cbor, "c10", "contactor/open", sign: false)));
        Assert.Equal(ContactorState.Opening, rig.Board.Firmware.ContactorState);
        Assert.False(rig.Board.Contactor.Energised);
    }

    [Fact]
    public void TheReplayCounterSurvivesARestart()
    {
        var storage = new FakeStorage();
        var rig = new UplinkRig(storage: storage);
        rig.Run(5);
        var close = rig.Cloud.Json("c1", "contactor/close", 500);
        Assert.Equal(("accepted", null), Ack(rig, false, close));

        var after = new UplinkRig(storage: storage);
        after.Run(5);
        Assert.Equal(("rejected", RejectReason.Replayed), Ack(after, false, close));
        Assert.Equal(("accepted", null), Ack(after, false, after.Cloud.Json("c2", "contactor/close", 501)));
    }

    [Fact]
    public void ADamagedCounterBlobRefusesSignedCommandsButNotOpen()
    {
        var storage = new FakeStorage();
        storage.Write(ReplayCounterStore.BlobName, new byte[16] { 5, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, 16);
        var rig = new UplinkRig(storage: storage);
        rig.Run(5);
        Assert.Equal(("rejected", RejectReason.CounterUnreadable), Ack(rig, false, rig.Cloud.Json("c1", "contactor/close", 99)));
        Assert.Equal(("accepted", null), Ack(rig, false, rig.Cloud.Json("c2", "contactor/open", sign: false)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IntervalAndStatusCommands(bool cbor)
    {
        var rig = new UplinkRig();
        rig.Run(10);
        Assert.Equal(("rejected", RejectReason.Unsigned), Ack(rig, cbor, Make(rig, cbor, "i1", "telemetry/interval", 1, 5000, sign: false)));
        Assert.Equal(("rejected", RejectReason.BadInterval), Ack(rig, cbor, Make(rig, cbor, "i2", "telemetry/interval", 2, 1500)));
        Assert.Equal(("rejected", RejectReason.BadInterval), Ack(rig, cbor, Make(rig, cbor, "i3", "telemetry/interval", 3, 120_000)));
        Assert.Equal(("rejected", RejectReason.BadInterval), Ack(rig, cbor, Make(rig, cbor, "i4", "telemetry/interval", 4)));
        Assert.Equal(("accepted", null), Ack(rig, cbor, Make(rig, cbor, "i5", "telemetry/interval", 5, 5000)));
        Assert.Equal(5000, rig.Uplink.IntervalMs);

        int before = rig.On("telemetry").Count;
        rig.Run(2000);
        var messages = rig.On("telemetry").Skip(before).ToList();
        Assert.Equal(4, messages.Count);
        // One message per 5 s, still at most a second's worth of samples: every fifth, 50 ms apart.
        Assert.All(messages, m => Assert.Equal(50, m.GetProperty("periodMs").GetInt32()));
        Assert.All(messages, m => Assert.Equal(5, m.GetProperty("stride").GetInt32()));
        Assert.All(messages, m => Assert.Equal(100, m.GetProperty("n").GetInt32()));

        int statuses = rig.On("status", false).Count;
        Assert.Equal(("accepted", null), Ack(rig, cbor, Make(rig, cbor, "s1", "status/get", sign: false)));
        rig.Run(2);
        var status = rig.On("status", false);
        Assert.True(status.Count > statuses);
        Assert.Equal(5000, status[^1].GetProperty("intervalMs").GetInt32());
    }

    public static IEnumerable<object[]> BadJson() =>
    [
        ["{\"id\":\"x1\",\"cmd\":\"reboot\"}", RejectReason.UnknownCommand],
        ["{\"cmd\":\"contactor/open\"}", RejectReason.MissingId],
        ["{\"id\":\"x2\",\"cmd\":\"contactor/close\",\"hmac\":\"00\"}", RejectReason.Malformed],
        ["{\"id\":\"x3\",\"cmd\":\"contactor/open\",\"id\":\"x4\"}", RejectReason.Malformed],
        ["{\"id\":\"x5\",\"cmd\":\"contactor/open\"", RejectReason.Malformed],
        ["{\"id\":\"x6\",\"cmd\":\"contactor/open\"} trailing", RejectReason.Malformed],
        ["[1,2,3]", RejectReason.Malformed],
        ["", RejectReason.Malformed],
        ["{\"id\":\"x7\",\"cmd\":\"contactor/open\",\"args\":" + new string('[', 40) + new string(']', 40) + "}", RejectReason.Malformed],
        ["{\"id\":\"x8\",\"cmd\":\"contactor/close\",\"counter\":-1}", RejectReason.Malformed],
        ["{\"id\":\"x9\",\"cmd\":\"contactor/close\",\"counter\":12}", RejectReason.Unsigned],
        ["{\"id\":\"" + new string('a', 40) + "\",\"cmd\":\"contactor/open\"}", RejectReason.Malformed],
        ["{\"id\":\"x10\",\"cmd\":\"contactor/open\",\"extra\":{\"nested\":[1,\"\\\"\",true,null,2.5e3]}}", null!],
    ];

    [Theory]
    [MemberData(nameof(BadJson))]
    public void BadJsonCommandsGetARejectedAckWithTheReason(string payload, string? reason)
    {
        var rig = new UplinkRig();
        rig.Run(5);
        var (result, got) = Ack(rig, false, Encoding.UTF8.GetBytes(payload));
        Assert.Equal(reason, got);
        Assert.Equal(reason == null ? "accepted" : "rejected", result);
    }

    [Fact]
    public void OversizedCommandsAreRejectedUnread()
    {
        var rig = new UplinkRig();
        rig.Run(5);
        var payload = Encoding.UTF8.GetBytes("{\"id\":\"big\",\"cmd\":\"contactor/open\",\"pad\":\"" + new string('x', MqttUplink.MaxCommandBytes) + "\"}");
        var ack = rig.Send(payload);
        Assert.Equal(RejectReason.Oversized, UplinkRig.Reason(ack));
        Assert.Equal(JsonValueKind.Null, ack.GetProperty("id").ValueKind);
        Assert.Equal(1, rig.Uplink.CommandsRejected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomAndMutatedInputNeverThrowsNeverClosesOnAFaultAndAlwaysGetsAnAck(bool cbor)
    {
        var rig = new UplinkRig();
        rig.Run(5);
        rig.Board.Cells.Counts[3] = FakeBoard.CellCounts(2000);
        rig.Run(20);
        Assert.True(rig.Board.Firmware.Faults.AnyLatched);
        var random = new Random(cbor ? 8949 : 8259);
        long counter = 1;
        int sent = 0;
        for (int round = 0; round < 1500; round++)
        {
            byte[] payload;
            if (round % 3 == 0)
            {
                payload = new byte[random.Next(0, 200)];
                random.NextBytes(payload);
                if (payload.Length > 0 && !cbor)
                    payload[0] = (byte)'{';
                if (payload.Length > 0 && cbor)
                    payload[0] = (byte)(0xA0 | random.Next(0, 8));
            }
            else
            {
                // A valid, signed close (which must still be refused: a fault is latched), then mutated.
                payload = Make(rig, cbor, "f" + round, round % 2 == 0 ? "contactor/close" : "faults/clear", counter++);
                int flips = random.Next(0, 4);
                for (int f = 0; f < flips; f++)
                    payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8));
                if (random.Next(4) == 0)
                    payload = payload.AsSpan(0, random.Next(payload.Length)).ToArray();
            }

            rig.Mqtt.Incoming.Enqueue(payload);
            sent++;
            rig.Run(3);
            Assert.Equal(ContactorState.Open, rig.Board.Firmware.ContactorState);
            Assert.False(rig.Board.Contactor.Energised);
        }

        rig.Run(100);
        Assert.Equal(sent, rig.Mqtt.On("bms/pack1/cmd/ack").Count());
        Assert.False(rig.Board.Firmware.Faults.Get(FaultId.InternalError).Latched, "nothing may throw into the control cycle");
    }

    [Fact]
    public void AnAckWaitsInTheMailboxWhileTheSessionIsDownAndGoesFirstAfterTheReconnect()
    {
        var rig = new UplinkRig();
        rig.Run(10);
        rig.Mqtt.Incoming.Enqueue(rig.Cloud.Json("o1", "contactor/open", sign: false));
        rig.Board.Step();
        rig.Uplink.Service();
        rig.Board.Step();

        // The command ran; its ack is due, and the broker is gone before it could go.
        rig.Mqtt.BrokerUp = false;
        rig.Run(300);
        Assert.Empty(rig.Mqtt.On("bms/pack1/cmd/ack"));
        Assert.Equal(1, rig.Uplink.CommandsReceived);

        int before = rig.Mqtt.Messages.Count;
        rig.Mqtt.BrokerUp = true;
        rig.Run(3000);
        var after = rig.Mqtt.Messages.Skip(before).ToList();
        Assert.EndsWith("/status", after[0].Topic);
        Assert.EndsWith("/cmd/ack", after[1].Topic);
        var ack = rig.On("cmd/ack", false).Single();
        Assert.Equal("o1", ack.GetProperty("id").GetString());
        Assert.Equal("accepted", ack.GetProperty("result").GetString());
    }
}
