using System.Text.Json;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Tests.Fakes;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>The firmware with its MQTT uplink on fake ports; the test plays the uplink thread in lockstep with the cycle.</summary>
public sealed class UplinkRig
{
    public static readonly byte[] Key = "device-key-pack1-0123456789abcdef"u8.ToArray();

    public readonly FakeBoard Board;
    public readonly FakeMqttTransport Mqtt = new();
    public readonly UplinkSettings Settings;
    public readonly CommandBuilder Cloud;

    public UplinkRig(UplinkSettings? settings = null, PackProfile? profile = null, FakeStorage? storage = null)
    {
        Settings = settings ?? new UplinkSettings();
        Settings.CommandKey ??= Key;
        Board = new FakeBoard(profile, storage, Mqtt, Settings);
        Cloud = new CommandBuilder("pack1", Key);
    }

    public MqttUplink Uplink => Board.Firmware.Mqtt!;

    public bool Cbor => Settings.Format == PayloadFormat.Cbor;

    /// <summary>Cycles, each followed by one pass of the uplink.</summary>
    public void Run(int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            Board.Step();
            Uplink.Service();
        }
    }

    public List<JsonElement> On(string topic, bool? cbor = null) =>
        Mqtt.On("bms/pack1/" + topic).Select(m => WireDecoding.Parse(m.Payload, cbor ?? Cbor)).ToList();

    /// <summary>Hands a command to the broker side and runs until its ack is out; returns the ack.</summary>
    public JsonElement Send(byte[] command, bool? ackCbor = null)
    {
        int before = Mqtt.On("bms/pack1/cmd/ack").Count();
        Mqtt.Incoming.Enqueue(command);
        for (int i = 0; i < 20 && Mqtt.On("bms/pack1/cmd/ack").Count() == before; i++)
            Run(1);
        var acks = On("cmd/ack", ackCbor ?? false);
        Assert.True(acks.Count == before + 1, "no ack for the command");
        return acks[^1];
    }

    public static string? Reason(JsonElement ack) =>
        ack.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : ack.GetProperty("reason").GetString();
}
