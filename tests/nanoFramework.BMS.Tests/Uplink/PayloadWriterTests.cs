using System.Formats.Cbor;
using System.Text.Json;
using nanoFramework.BMS.Uplink.Encoding;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>The two writers produce what the host's own JSON and CBOR readers accept, value for value.</summary>
public class PayloadWriterTests
{
    private static readonly long[] Integers =
        [0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295, 4294967296, long.MaxValue, -1, -24, -25, -256, -257, -65536, -65537, -4294967296, -4294967297, long.MinValue + 1];

    private static int Write(PayloadWriter w, byte[] buffer)
    {
        w.Begin(buffer, buffer.Length);
        w.BeginMap(5);
        w.Key("ints");
        w.BeginArray(Integers.Length);
        foreach (long v in Integers)
            w.Int(v);
        w.EndArray();
        w.Key("text");
        w.Text("a \"quoted\" \\ path\n°");
        w.Key("dec");
        w.BeginArray(3);
        w.Decimal(64.8114f, 3);
        w.Decimal(-0.5f, 1);
        w.Decimal(12f, 0);
        w.EndArray();
        w.Key("flags");
        w.BeginArray(3);
        w.Bool(true);
        w.Bool(false);
        w.Null();
        w.EndArray();
        w.Key("empty");
        w.BeginMap(0);
        w.EndMap();
        w.EndMap();
        return w.Length;
    }

    [Fact]
    public void JsonIsReadBackExactly()
    {
        var buffer = new byte[1024];
        int length = Write(new JsonPayloadWriter(), buffer);
        using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
        var root = doc.RootElement;
        Assert.Equal(Integers, root.GetProperty("ints").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("a \"quoted\" \\ path\n°", root.GetProperty("text").GetString());
        Assert.Equal("64.811", root.GetProperty("dec")[0].GetRawText());
        Assert.Equal("-0.5", root.GetProperty("dec")[1].GetRawText());
        Assert.Equal("12", root.GetProperty("dec")[2].GetRawText());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("flags")[2].ValueKind);
        Assert.Empty(root.GetProperty("empty").EnumerateObject());
    }

    /// <summary>A decimal that no long can hold (NaN, an infinity, beyond 9.2e18 once scaled) is sent as null, never as a saturated number.</summary>
    [Fact]
    public void DecimalsBeyondALongAreNullInBothFormats()
    {
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e19f, -1e19f, 1e17f];
        var buffer = new byte[512];
        var json = new JsonPayloadWriter();
        json.Begin(buffer, buffer.Length);
        json.BeginArray(values.Length);
        foreach (float v in values)
            json.Decimal(v, 2);
        json.EndArray();
        using (var doc = JsonDocument.Parse(buffer.AsMemory(0, json.Length)))
        {
            var items = doc.RootElement.EnumerateArray().ToArray();
            Assert.All(items.Take(5), e => Assert.Equal(JsonValueKind.Null, e.ValueKind));
            Assert.Equal(JsonValueKind.Null, items[5].ValueKind);
        }

        var cbor = new CborPayloadWriter();
        cbor.Begin(buffer, buffer.Length);
        cbor.BeginArray(2);
        cbor.Decimal(float.NaN, 1);
        cbor.Decimal(64.8f, 1);
        cbor.EndArray();
        var reader = new CborReader(buffer.AsMemory(0, cbor.Length), CborConformanceMode.Strict);
        Assert.Equal(2, reader.ReadStartArray());
        reader.ReadNull();
        Assert.Equal(64.8m, reader.ReadDecimal());
        reader.ReadEndArray();
    }

    [Fact]
    public void CborIsReadBackExactlyInCanonicalForm()
    {
        var buffer = new byte[1024];
        int length = Write(new CborPayloadWriter(), buffer);
        // Strict conformance: definite lengths, no duplicate keys, shortest integer encodings checked below.
        var reader = new CborReader(buffer.AsMemory(0, length), CborConformanceMode.Strict);
        Assert.Equal(5, reader.ReadStartMap());
        Assert.Equal("ints", reader.ReadTextString());
        Assert.Equal(Integers.Length, reader.ReadStartArray());
        foreach (long v in Integers)
            Assert.Equal(v, reader.ReadInt64());
        reader.ReadEndArray();
        Assert.Equal("text", reader.ReadTextString());
        Assert.Equal("a \"quoted\" \\ path??", reader.ReadTextString());
        Assert.Equal("dec", reader.ReadTextString());
        reader.ReadStartArray();
        Assert.Equal(64.811m, reader.ReadDecimal());
        Assert.Equal(-0.5m, reader.ReadDecimal());
        Assert.Equal(12m, reader.ReadDecimal());
        reader.ReadEndArray();
        Assert.Equal("flags", reader.ReadTextString());
        reader.ReadStartArray();
        Assert.True(reader.ReadBoolean());
        Assert.False(reader.ReadBoolean());
        reader.ReadNull();
        reader.ReadEndArray();
        Assert.Equal("empty", reader.ReadTextString());
        Assert.Equal(0, reader.ReadStartMap());
        reader.ReadEndMap();
        reader.ReadEndMap();
        Assert.Equal(0, reader.BytesRemaining);

        // Shortest form: each integer as the host's writer would encode it.
        var expected = new CborWriter(CborConformanceMode.Canonical, allowMultipleRootLevelValues: true);
        foreach (long v in Integers)
            expected.WriteInt64(v);
        var ours = new byte[512];
        var w = new CborPayloadWriter();
        w.Begin(ours, ours.Length);
        foreach (long v in Integers)
            w.Int(v);
        Assert.Equal(expected.Encode(), ours.AsSpan(0, w.Length).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFullBufferStopsWritingButCountsWhatWasNeeded(bool cbor)
    {
        PayloadWriter w = cbor ? new CborPayloadWriter() : new JsonPayloadWriter();
        var full = new byte[1024];
        int needed = Write(w, full);
        var small = new byte[needed + 10];
        w.Begin(small, needed / 2);
        w.BeginArray(100);
        for (int i = 0; i < 100; i++)
            w.Text("0123456789");
        Assert.True(w.Overflowed);
        Assert.Equal(needed / 2, w.Length);
        Assert.True(w.RequiredLength > needed / 2);
        Assert.All(small.Skip(needed / 2), b => Assert.Equal(0, b));
        Assert.Contains((byte)'0', small.Take(needed / 2));
    }

    /// <summary>
    /// Every key handle of a composer (a constant Key*, an offset and a length in its table
    /// KeyNames) spells the name its constant gives, and the handles cover the table exactly.
    /// </summary>
    [Theory]
    [InlineData(typeof(nanoFramework.BMS.Uplink.TelemetryComposer))]
    [InlineData(typeof(nanoFramework.BMS.Uplink.MessageFields))]
    public void EveryKeyHandleSpellsItsName(Type composer)
    {
        const System.Reflection.BindingFlags Consts = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;
        string names = (string)composer.GetField("KeyNames", Consts)!.GetRawConstantValue()!;
        int covered = 0;
        foreach (var field in composer.GetFields(Consts).Where(f => f.IsLiteral && f.FieldType == typeof(int) && f.Name.StartsWith("Key")))
        {
            int handle = (int)field.GetRawConstantValue()!;
            int offset = handle >> PayloadKey.LengthBits;
            int length = handle & PayloadKey.LengthMask;
            string expected = char.ToLowerInvariant(field.Name[3]) + field.Name[4..];
            Assert.Equal(expected, names.Substring(offset, length));
            covered += length;
        }

        Assert.Equal(names.Length, covered);

        // And both writers put a key from a table out as the same bytes as from its string.
        byte[] table = PayloadKey.Table(names);
        foreach (var field in composer.GetFields(Consts).Where(f => f.IsLiteral && f.FieldType == typeof(int) && f.Name.StartsWith("Key")))
        {
            int handle = (int)field.GetRawConstantValue()!;
            string name = names.Substring(handle >> PayloadKey.LengthBits, handle & PayloadKey.LengthMask);
            foreach (Func<PayloadWriter> make in new Func<PayloadWriter>[] { () => new JsonPayloadWriter(), () => new CborPayloadWriter() })
            {
                foreach (int capacity in new[] { 64, 2 })
                {
                    var fromTable = make();
                    var fromString = make();
                    byte[] a = new byte[64], b = new byte[64];
                    fromTable.Begin(a, capacity);
                    fromTable.BeginMap(1);
                    fromTable.Key(table, handle);
                    fromString.Begin(b, capacity);
                    fromString.BeginMap(1);
                    fromString.Key(name);
                    Assert.Equal(fromString.RequiredLength, fromTable.RequiredLength);
                    Assert.Equal(b, a);
                }
            }
        }
    }
}
