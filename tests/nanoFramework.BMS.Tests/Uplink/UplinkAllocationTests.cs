using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;
using nanoFramework.BMS.Uplink;
using nanoFramework.BMS.Uplink.Commands;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>
/// With the MQTT uplink attached, neither the control cycle nor the uplink's own pass allocates:
/// encoding, queueing, an outage with drops, reconnects, commands with HMAC checks and acks.
/// Measured on one thread, with a fake session that allocates nothing itself.
/// </summary>
public class UplinkAllocationTests
{
    [Theory]
    [InlineData(PayloadFormat.Json, TelemetryMode.Samples)]
    [InlineData(PayloadFormat.Cbor, TelemetryMode.Samples)]
    [InlineData(PayloadFormat.Json, TelemetryMode.Aggregate)]
    public void CyclesAndUplinkPassesAllocateNothing(PayloadFormat format, TelemetryMode mode)
    {
        var storage = new FakeStorage();
        var rig = new UplinkRig(new UplinkSettings { Format = format, Mode = mode, TelemetrySlots = 4, HomeAssistantDiscovery = true }, ProfilePresets.Nmc(16, 8, 3f, 100), storage);
        rig.Mqtt.Record = false;
        rig.Board.Current.Amps = 1.5f;
        rig.Run(2_000);

        // Every path runs once before the measurement (the first run of a path is not the steady
        // state): a command of each kind with its ack, an outage and the reconnect.
        rig.Mqtt.Incoming.Enqueue(rig.Cloud.Json("w1", "contactor/close", 999));
        rig.Mqtt.Incoming.Enqueue(rig.Cloud.Cbor("w2", "status/get"));
        rig.Mqtt.Incoming.Enqueue("{\"id\":\"bad\",\"cmd\":\"nope\"}"u8.ToArray());
        rig.Run(100);
        rig.Mqtt.BrokerUp = false;
        rig.Run(300);
        rig.Mqtt.BrokerUp = true;
        rig.Run(300);

        int publishedBefore = rig.Mqtt.PublishCount;
        long allocated = ThreadAllocations.Fewest(
            () =>
            {
                rig.Run(4_000);
                rig.Mqtt.BrokerUp = false;
                rig.Run(3_000);
                rig.Mqtt.BrokerUp = true;
                rig.Run(3_000);
            },
            prepare: () =>
            {
                // Commands queued before each measurement: the queue's own growth is the test's, not the firmware's.
                for (int i = 0; i < 20; i++)
                {
                    rig.Mqtt.Incoming.Enqueue(rig.Cloud.Json("a" + i, "contactor/close", 1000 + i));
                    rig.Mqtt.Incoming.Enqueue(rig.Cloud.Cbor("b" + i, "status/get"));
                    rig.Mqtt.Incoming.Enqueue("{\"id\":\"bad\",\"cmd\":\"nope\"}"u8.ToArray());
                }
            });

        Assert.Equal(0, allocated);
        Assert.True(rig.Mqtt.PublishCount - publishedBefore > 90, "telemetry must have been published during the measurement");
        Assert.True(rig.Uplink.TelemetryDropped > 0, "the outage must have overflowed the ring");
        Assert.Empty(rig.Mqtt.Incoming);
        Assert.True(rig.Uplink.Connects >= 2);
    }
}
