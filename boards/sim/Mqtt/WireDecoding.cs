using System.Formats.Cbor;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>
/// What a cloud consumer does with a payload: CBOR through System.Formats.Cbor into the same
/// JSON tree as the JSON form, and the delta-coded sample columns back to values.
/// </summary>
public static class WireDecoding
{
    public static JsonElement Parse(byte[] payload, bool cbor)
    {
        if (!cbor)
            return JsonDocument.Parse(payload).RootElement.Clone();
        var reader = new CborReader(payload, CborConformanceMode.Strict);
        JsonNode? node = Read(reader);
        if (reader.BytesRemaining != 0)
            throw new InvalidDataException($"{reader.BytesRemaining} bytes after the CBOR item");
        return JsonSerializer.SerializeToElement(node);
    }

    private static JsonNode? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return JsonValue.Create(reader.ReadInt64());
            case CborReaderState.TextString:
                return JsonValue.Create(reader.ReadTextString());
            case CborReaderState.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.Tag:
                // Decimal fractions (tag 4) are the only tag the firmware writes.
                return JsonValue.Create(reader.ReadDecimal());
            case CborReaderState.StartArray:
            {
                int count = reader.ReadStartArray() ?? throw new InvalidDataException("indefinite-length array");
                var array = new JsonArray();
                for (int i = 0; i < count; i++)
                    array.Add(Read(reader));
                reader.ReadEndArray();
                return array;
            }

            case CborReaderState.StartMap:
            {
                int count = reader.ReadStartMap() ?? throw new InvalidDataException("indefinite-length map");
                var map = new JsonObject();
                for (int i = 0; i < count; i++)
                    map.Add(reader.ReadTextString(), Read(reader));
                reader.ReadEndMap();
                return map;
            }

            default:
                throw new InvalidDataException($"unexpected CBOR item {reader.PeekState()}");
        }
    }

    /// <summary>Undoes the delta coding of a samples-mode column: rows of channels.</summary>
    public static long[][] Undelta(JsonElement column, int rows, int channels)
    {
        var values = column.EnumerateArray().Select(e => e.GetInt64()).ToArray();
        if (values.Length != rows * channels)
            throw new InvalidDataException($"column has {values.Length} values, expected {rows} x {channels}");
        var result = new long[rows][];
        for (int row = 0; row < rows; row++)
        {
            result[row] = new long[channels];
            for (int c = 0; c < channels; c++)
                result[row][c] = values[row * channels + c] + (row > 0 ? result[row - 1][c] : 0);
        }

        return result;
    }
}
