using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.Uplink;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>
/// The queue slots are sized from worst cases, not from typical messages: a message that does
/// not fit is dropped (and counted), so the worst case must fit.
/// </summary>
public class SlotSizingTests
{
    private const string LongestPackId = "pack-with-the-longest-id-allowed";

    private static PayloadWriter Writer(PayloadFormat format) =>
        format == PayloadFormat.Cbor ? new CborPayloadWriter() : new JsonPayloadWriter();

    [Theory]
    [InlineData(PayloadFormat.Json)]
    [InlineData(PayloadFormat.Cbor)]
    public void AnAggregateOfExtremeValuesFitsItsSlot(PayloadFormat format)
    {
        Assert.Equal(32, LongestPackId.Length);
        var window = new AggregateWindow(PackProfile.MaxCells, PackProfile.MaxThermistors, null);
        for (int i = 0; i < PackProfile.MaxCells; i++)
        {
            window.Cells.Min[i] = int.MinValue;
            window.Cells.Max[i] = int.MinValue;
            window.Cells.Mean[i] = int.MinValue;
        }

        for (int i = 0; i < PackProfile.MaxThermistors; i++)
        {
            window.Thermistors.Min[i] = int.MinValue;
            window.Thermistors.Max[i] = int.MinValue;
            window.Thermistors.Mean[i] = int.MinValue;
        }

        window.MilliampsMin = window.MilliampsMax = window.PackMillivoltsMin = window.PackMillivoltsMax = int.MinValue;
        window.MilliampsSum = window.PackMillivoltsSum = int.MinValue;
        window.FlagsAny = window.FlagsAll = int.MinValue;
        window.Count = 1;
        window.FirstSequence = int.MaxValue;
        window.FirstTimeMs = long.MaxValue;

        var settings = new UplinkSettings { Mode = TelemetryMode.Aggregate, Format = format };
        int slotBytes = MqttUplink.TelemetrySlotBytes(PackProfile.MaxCells, PackProfile.MaxThermistors, 151, settings);
        var w = Writer(format);
        w.Begin(new byte[slotBytes], slotBytes);
        new TelemetryComposer(LongestPackId, PackProfile.MaxCells, PackProfile.MaxThermistors, null).WriteAggregate(w, window, int.MaxValue, int.MaxValue, int.MaxValue, ContactorState.Precharging, int.MaxValue);
        Assert.False(w.Overflowed, $"{w.RequiredLength} bytes of {format} in a {slotBytes}-byte slot");
    }

    [Theory]
    [InlineData(PayloadFormat.Json, 230)]
    [InlineData(PayloadFormat.Cbor, 180)]
    public void AnAlertWithALongDetailFitsItsSlot(PayloadFormat format, int detailCharacters)
    {
        var profile = ProfilePresets.Nmc(16, 8, 3f, 100);
        var fault = new FaultLatch().Get(FaultId.DischargeOverCurrentFast);
        fault.Value = -123456.789f;
        fault.Unit = "A";
        fault.Index = 15;
        fault.TimeMs = long.MaxValue;
        fault.Detail = new string('d', detailCharacters);

        int slotBytes = MqttUplink.AlertSlotBytes(format);
        var w = Writer(format);
        w.Begin(new byte[slotBytes], slotBytes);
        new EventComposer(LongestPackId, new LimitRuleLookup(profile.Limits)).WriteAlert(w, fault, int.MaxValue, ContactorState.Precharging, int.MaxValue);
        Assert.False(w.Overflowed, $"{w.RequiredLength} bytes of {format} in a {slotBytes}-byte slot");
    }
}
