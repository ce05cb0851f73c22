using nanoFramework.BMS.Config;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class ConfigurationTests
{
    private static BoardPorts Ports(IStorage storage)
    {
        var board = new FakeBoard();
        var ports = board.Ports();
        ports.Storage = storage;
        ports.FactoryPin = "1234";
        return ports;
    }

    private static PackProfile Defaults() => ProfilePresets.Nmc(4, 2, 3f, 100);

    private static ConfigRecord Record(PackProfile profile, int sequence) => new() { Profile = profile, Sequence = sequence };

    [Fact]
    public void ARecordRoundTripsEveryField()
    {
        var profile = ProfilePresets.Lfp(16, 8, 100f, 50);
        profile.PackId = "rack-7";
        profile.CellCalibration[3] = new Acquisition.ChannelCalibration(1.2345f, -7.5f);
        profile.CurrentOffsetAmps = 0.0125f;
        profile.Safety.PrechargeTimeoutMs = 3500;
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        var record = Record(profile, 41);
        record.Uplink.TopicPrefix = "site/";
        record.Uplink.Format = BMS.Uplink.PayloadFormat.Cbor;
        record.Uplink.CommandKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        record.Uplink.ReconnectMaxDelayMs = 120000;
        int length = ConfigCodec.Encode(record, buffer);

        var decoded = ConfigCodec.Decode(buffer, length, out string? problem);

        Assert.Null(problem);
        Assert.NotNull(decoded);
        Assert.Equal(41, decoded!.Sequence);
        Assert.Equal("rack-7", decoded.Profile.PackId);
        Assert.Equal(Chemistry.Lfp, decoded.Profile.Chemistry);
        Assert.Equal(1.2345f, decoded.Profile.CellCalibration[3].GainMillivoltsPerCount, 5);
        Assert.Equal(-7.5f, decoded.Profile.CellCalibration[3].OffsetMillivolts, 3);
        Assert.Equal(0.0125f, decoded.Profile.CurrentOffsetAmps, 6);
        Assert.Equal(3500, decoded.Profile.Safety.PrechargeTimeoutMs);
        Assert.Equal("site/", decoded.Uplink.TopicPrefix);
        Assert.Equal(BMS.Uplink.PayloadFormat.Cbor, decoded.Uplink.Format);
        Assert.Equal(record.Uplink.CommandKey, decoded.Uplink.CommandKey);
        Assert.Equal(120000, decoded.Uplink.ReconnectMaxDelayMs);
        Assert.Equal(profile.Limits.Length, decoded.Profile.Limits.Length);
        for (int i = 0; i < profile.Limits.Length; i++)
        {
            Assert.Equal(profile.Limits[i].Fault, decoded.Profile.Limits[i].Fault);
            Assert.Equal(profile.Limits[i].Tier, decoded.Profile.Limits[i].Tier);
            Assert.Equal(profile.Limits[i].Limit, decoded.Profile.Limits[i].Limit, 3);
            Assert.Equal(profile.Limits[i].DebounceMs, decoded.Profile.Limits[i].DebounceMs);
        }

        // And the bytes are stable: encoding the decoded record gives the same record.
        var again = new byte[ConfigCodec.MaxRecordBytes];
        Assert.Equal(buffer.AsSpan(0, length).ToArray(), again.AsSpan(0, ConfigCodec.Encode(decoded, again)).ToArray());
    }

    [Theory]
    [InlineData(0, "CRC mismatch")]
    [InlineData(-1, "length does not match")]
    public void DamageIsDetected(int flipAt, string expected)
    {
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        int length = ConfigCodec.Encode(Record(Defaults(), 1), buffer);
        if (flipAt >= 0)
            buffer[length / 2] ^= 0x10;
        else
            length -= 3;

        Assert.Null(ConfigCodec.Decode(buffer, length, out string? problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void AValidRecordOfAnInvalidProfileIsRefusedWithTheValidationMessage()
    {
        var profile = Defaults();
        profile.SampleRateHz = 5;
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        int length = ConfigCodec.Encode(Record(profile, 1), buffer);

        Assert.Null(ConfigCodec.Decode(buffer, length, out string? problem));
        Assert.Equal(profile.Validate(), problem);
    }

    [Fact]
    public void SavesAlternateSlotsAndAnUnchangedSaveWritesNothing()
    {
        var storage = new FakeStorage();
        var store = new ConfigStore(storage);
        var record = Record(Defaults(), 0);

        Assert.Equal(1, store.Save(record));
        Assert.Equal(0, store.Save(record));
        record.Profile.CapacityAh = 3.1f;
        Assert.Equal(1, store.Save(record));

        Assert.Equal(2, store.Writes);
        Assert.Equal(2, record.Sequence);
        var loaded = new ConfigStore(storage).Load(out string? problem);
        Assert.Null(problem);
        Assert.Equal(3.1f, loaded!.Profile.CapacityAh, 3);
        Assert.NotNull(storage.Blob(ConfigStore.SlotA));
        Assert.NotNull(storage.Blob(ConfigStore.SlotB));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APowerLossAtAnyByteOfASaveKeepsTheLastGoodConfiguration(bool keepOldTail)
    {
        // Two good saves (capacity 3.0 then 3.1), then a third (3.2) torn at every byte offset.
        var inner = new FakeStorage();
        var torn = new TornStorage(inner) { KeepOldTail = keepOldTail };
        var store = new ConfigStore(torn);
        var record = Record(Defaults(), 0);
        store.Save(record);
        record.Profile.CapacityAh = 3.1f;
        store.Save(record);
        var slots = (inner.Blob(ConfigStore.SlotA), inner.Blob(ConfigStore.SlotB));
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        record.Profile.CapacityAh = 3.2f;
        int fullLength = ConfigCodec.Encode(record, buffer);

        for (int cut = 0; cut < fullLength; cut++)
        {
            inner.Write(ConfigStore.SlotA, slots.Item1, slots.Item1.Length);
            inner.Write(ConfigStore.SlotB, slots.Item2, slots.Item2.Length);
            var writer = new ConfigStore(torn);
            writer.Load(out _);
            torn.TearNextWriteAt(cut);
            Assert.Equal(-1, writer.Save(Record(CloneWithCapacity(3.2f), record.Sequence)));

            var firmware = PackController.Boot(Defaults(), Ports(torn));
            Assert.Equal(3.1f, firmware.Profile.CapacityAh, 3);

            // The torn slot is the older one (A held sequence 1). Unless the cut came before
            // the first changed byte (it then still holds the old record), it is reported.
            var tornSlot = inner.Blob(ConfigStore.SlotA);
            bool damaged = ConfigCodec.Decode(tornSlot, tornSlot.Length, out _) == null;
            var fallback = firmware.Faults.Get(FaultId.ConfigFallback);
            Assert.True(damaged == fallback.Latched, $"a torn save at byte {cut}: damaged {damaged}, reported {fallback.Latched}");
            if (damaged)
                Assert.EndsWith("; using the other slot", fallback.Detail);
        }
    }

    [Fact]
    public void WithBothSlotsDamagedTheDefaultsRunAndTheFaultSaysSo()
    {
        var storage = new FakeStorage();
        storage.Write(ConfigStore.SlotA, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 16);
        storage.Write(ConfigStore.SlotB, [0x42, 0x4D, 0x53, 0x43, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 16);

        var firmware = PackController.Boot(Defaults(), Ports(storage));

        var fault = firmware.Faults.Get(FaultId.ConfigFallback);
        Assert.True(fault.Latched);
        Assert.Equal("slot A not a configuration record, slot B CRC mismatch; using the defaults", fault.Detail);
        Assert.NotNull(firmware.RequestClose());
        Assert.Equal(Defaults().CapacityAh, firmware.Profile.CapacityAh);
    }

    [Fact]
    public void AfterARestartTheNextSaveStillGoesToTheOlderSlotAndAnUnchangedOneWritesNothing()
    {
        // One save: the only good copy is in slot A.
        var storage = new FakeStorage();
        var first = PackController.Boot(Defaults(), Ports(storage));
        first.Config.Pending.Profile.CapacityAh = 3.1f;
        Assert.Equal(1, first.Config.Save());
        byte[] slotA = storage.Blob(ConfigStore.SlotA);

        // After a restart nothing changed: nothing is written.
        var restarted = PackController.Boot(Defaults(), Ports(storage));
        Assert.Equal(3.1f, restarted.Profile.CapacityAh, 3);
        Assert.Equal(0, restarted.Config.Save());

        // A change goes to slot B, so a power loss during it cannot take slot A with it.
        restarted.Config.Pending.Profile.CapacityAh = 3.2f;
        Assert.Equal(1, restarted.Config.Save());
        Assert.Equal(slotA, storage.Blob(ConfigStore.SlotA));
        var newest = ConfigCodec.Decode(storage.Blob(ConfigStore.SlotB), storage.Blob(ConfigStore.SlotB).Length, out _);
        Assert.Equal(3.2f, newest!.Profile.CapacityAh, 3);
        Assert.Equal(2, newest.Sequence);
    }

    [Fact]
    public void TheLargestRecordFitsItsBuffer()
    {
        // 16 cells, every text and the command key at their longest.
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
        {
            var record = Record(ProfilePresets.For(chemistry, 16, 8, 3f, 100), int.MaxValue);
            record.Profile.PackId = new string('p', 32);
            record.Uplink.TopicPrefix = new string('t', 32);
            record.Uplink.DeviceId = new string('d', 32);
            record.Uplink.HomeAssistantPrefix = new string('h', 32);
            record.Uplink.CommandKey = new byte[BMS.Uplink.UplinkSettings.MaxCommandKeyBytes];
            int length = ConfigCodec.Encode(record, new byte[ConfigCodec.MaxRecordBytes]);
            Assert.InRange(length, 1000, ConfigCodec.MaxRecordBytes);
        }
    }

    [Fact]
    public void AFreshBoardBootsTheDefaultsWithoutAFault()
    {
        var firmware = PackController.Boot(Defaults(), Ports(new FakeStorage()));
        Assert.False(firmware.Faults.AnyLatched);
        Assert.True(firmware.Config.Active.Secret.IsFactoryDefault);
    }

    private static PackProfile CloneWithCapacity(float capacityAh)
    {
        var profile = Defaults();
        profile.CapacityAh = capacityAh;
        return profile;
    }
}
