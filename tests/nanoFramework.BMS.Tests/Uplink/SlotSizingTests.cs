using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Tests.Fakes;
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

        foreach (var composer in Composers())
        {
            int slotBytes = MqttUplink.AggregateSlotBytes(composer, PackProfile.MaxCells, PackProfile.MaxThermistors, format, AlertSlot(format));
            foreach (ContactorState contactor in Enum.GetValues<ContactorState>())
            {
                var w = Writer(format);
                w.Begin(new byte[slotBytes], slotBytes);
                composer.WriteAggregate(w, window, int.MaxValue, int.MaxValue, int.MaxValue, contactor, int.MaxValue);
                Assert.False(w.Overflowed, $"{w.RequiredLength} bytes of {format} in a {slotBytes}-byte slot");
            }
        }
    }

    /// <summary>
    /// The aggregate slot is the message at its widest, not a guess: for the ESP32 board's pack
    /// (16 cells, 8 thermistors, CBOR, the longest pack id) 952 bytes where the old estimate kept 1,232.
    /// </summary>
    [Theory]
    [InlineData(PayloadFormat.Json, 1_820)]
    [InlineData(PayloadFormat.Cbor, 960)]
    public void AnAggregateSlotIsTheLargestMessageNotMore(PayloadFormat format, int ceilingBytes)
    {
        var composer = Composers()[1];
        int alertSlotBytes = AlertSlot(format);
        int slotBytes = MqttUplink.AggregateSlotBytes(composer, PackProfile.MaxCells, PackProfile.MaxThermistors, format, alertSlotBytes);
        Assert.True(slotBytes <= ceilingBytes, $"{slotBytes} bytes");
        Assert.True(slotBytes >= alertSlotBytes, "an alert that overflows its queue must fit a telemetry slot");
        // A one-cell pack's CBOR aggregate is smaller than an alert: its slot still takes one.
        var small = new TelemetryComposer("p", 1, 1, null, new MessageFields(), TelemetryMode.Aggregate);
        Assert.True(MqttUplink.AggregateSlotBytes(small, 1, 1, format, alertSlotBytes) >= alertSlotBytes);
        if (format == PayloadFormat.Cbor)
            Assert.Equal(alertSlotBytes, MqttUplink.AggregateSlotBytes(small, 1, 1, format, alertSlotBytes));
    }

    /// <summary>WidestValueWriter's numbers are at least as wide as any real one, in both formats.</summary>
    [Theory]
    [InlineData(PayloadFormat.Json)]
    [InlineData(PayloadFormat.Cbor)]
    public void TheWidestValueWriterIsNeverNarrowerThanARealValue(PayloadFormat format)
    {
        long[] integers = [0, 1, -1, 23, 24, 255, 256, -65536, int.MaxValue, int.MinValue];
        long[] longs = [(long)int.MaxValue + 1, (long)int.MinValue - 1, long.MaxValue, long.MinValue + 1];
        float[] decimals = [0f, -0.001f, 123456.789f, -3.4e9f, 9.0e15f, -9.0e15f, float.NaN];
        foreach (long v in integers)
            Assert.True(Width(format, w => w.Int(v)) <= Width(format, w => new WidestValueWriter(w).Int(0)), $"{v}");
        foreach (long v in longs)
            Assert.True(Width(format, w => w.Int(v)) <= Width(format, w => new WidestValueWriter(w).Int(long.MaxValue)), $"{v}");
        for (int places = 0; places <= 3; places++)
        {
            int d = places;
            foreach (float v in decimals)
            {
                int widest = Width(format, w => new WidestValueWriter(w).Decimal(0f, d));
                Assert.True(Width(format, w => w.Decimal(v, d)) <= widest, $"{v} with {d} decimals");
                Assert.True(Width(format, w => w.Null()) <= widest);
                Assert.True(Width(format, w => w.Int(int.MinValue)) <= widest);
            }
        }
    }

    /// <summary>
    /// The ESP32 board's settings (aggregate, CBOR, one telemetry slot) with 16 cells and 8
    /// thermistors whose readings swing across the whole converter range: every second's
    /// aggregate goes out, none is dropped or refused for want of room.
    /// </summary>
    [Fact]
    public void NoAggregateIsLostToItsSlotSize()
    {
        var settings = new UplinkSettings { Mode = TelemetryMode.Aggregate, Format = PayloadFormat.Cbor, TelemetrySlots = 1, AlertSlots = 2 };
        var rig = new UplinkRig(settings, ProfilePresets.Nmc(16, 8, 3f, 100));
        var random = new Random(7);
        for (int i = 0; i < 20 * 100; i++)
        {
            for (int c = 0; c < 16; c++)
                rig.Board.Cells.Counts[c] = random.Next(0, 4096);
            for (int t = 0; t < 8; t++)
                rig.Board.Thermistors.Counts[t] = random.Next(0, 4096);
            rig.Board.Current.Amps = (float)(random.NextDouble() * 400 - 200);
            rig.Run(1);
        }

        Assert.Equal(0, rig.Uplink.TelemetryDropped);
        Assert.Equal(rig.Uplink.TelemetrySequence, rig.On("telemetry").Count);
        Assert.True(rig.Uplink.TelemetrySequence >= 19);
    }

    private static TelemetryComposer[] Composers()
    {
        var profile = ProfilePresets.Nmc(PackProfile.MaxCells, PackProfile.MaxThermistors, 3f, 100);
        var estimator = new StateEstimator(profile, new CurrentLimiter(profile), new FakeStorage());
        return
        [
            new TelemetryComposer(LongestPackId, PackProfile.MaxCells, PackProfile.MaxThermistors, null, new MessageFields(), TelemetryMode.Aggregate),
            new TelemetryComposer(LongestPackId, PackProfile.MaxCells, PackProfile.MaxThermistors, estimator, new MessageFields(), TelemetryMode.Aggregate),
        ];
    }

    private static int Width(PayloadFormat format, Action<PayloadWriter> write)
    {
        var w = Writer(format);
        w.Begin(new byte[64], 64);
        w.BeginArray(1);
        write(w);
        return w.RequiredLength;
    }

    /// <summary>
    /// The alert slot is measured like the telemetry slot: an alert of every fault, unit and
    /// contactor state, with extreme values and a detail of the format's allowance, fits it; one
    /// character more of detail does not fit the widest case (the slot is not larger than that).
    /// </summary>
    [Theory]
    [InlineData(PayloadFormat.Json, 230)]
    [InlineData(PayloadFormat.Cbor, 180)]
    public void AnAlertWithALongDetailFitsItsSlot(PayloadFormat format, int detailCharacters)
    {
        Assert.Equal(detailCharacters, format == PayloadFormat.Cbor ? MqttUplink.CborAlertDetailCharacters : MqttUplink.JsonAlertDetailCharacters);
        int slotBytes = AlertSlot(format);
        var events = new EventComposer(LongestPackId, new MessageFields());
        string[] units = ["", "mV", "degC", "A", "degC/s", "ms", "flag"];
        int widest = 0;
        for (int code = 0; code <= FaultNames.MaxCode; code++)
        {
            foreach (string unit in units)
            {
                foreach (ContactorState contactor in Enum.GetValues<ContactorState>())
                {
                    var fault = new FaultLatch().Get((FaultId)code);
                    fault.Value = -123456.789f;
                    fault.Unit = unit;
                    fault.Index = 15;
                    fault.TimeMs = long.MaxValue;
                    fault.Detail = new string('d', detailCharacters);
                    var w = Writer(format);
                    w.Begin(new byte[slotBytes], slotBytes);
                    events.WriteAlert(w, fault, int.MaxValue, contactor, int.MaxValue);
                    Assert.False(w.Overflowed, $"{w.RequiredLength} bytes of {format} in a {slotBytes}-byte slot");
                    widest = Math.Max(widest, w.RequiredLength);
                }
            }
        }

        Assert.True(slotBytes - widest < 40, $"the slot keeps {slotBytes - widest} bytes no alert can use");
    }

    private static int AlertSlot(PayloadFormat format) =>
        MqttUplink.AlertSlotBytes(new EventComposer(LongestPackId, new MessageFields()), format);
}
