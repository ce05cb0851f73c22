using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;

namespace nanoFramework.BMS.Sim.Mqtt;

/// <summary>
/// Builds commands as the cloud would (docs/mqtt.md, "Commands"): JSON or CBOR, signed with
/// HMAC-SHA256 over device id, command id, counter, command name and the raw args bytes.
/// </summary>
public sealed class CommandBuilder(string deviceId, byte[]? key)
{
    public static byte[] Mac(byte[] key, string deviceId, string id, long counter, string cmd, ReadOnlySpan<byte> args)
    {
        var message = new List<byte>();
        message.AddRange(Encoding.ASCII.GetBytes($"{deviceId}\n{id}\n{counter}\n{cmd}\n"));
        message.AddRange(args.ToArray());
        return HMACSHA256.HashData(key, message.ToArray());
    }

    /// <summary>A JSON command; argsJson is embedded verbatim and signed as written. counter null sends none; sign false sends no hmac.</summary>
    public byte[] Json(string id, string cmd, long? counter = null, string? argsJson = null, bool sign = true)
    {
        var text = new StringBuilder();
        text.Append($"{{\"id\":\"{id}\",\"cmd\":\"{cmd}\"");
        if (counter != null)
            text.Append($",\"counter\":{counter}");
        if (argsJson != null)
            text.Append($",\"args\":{argsJson}");
        if (sign && key != null)
        {
            byte[] mac = Mac(key, deviceId, id, counter ?? 0, cmd, Encoding.UTF8.GetBytes(argsJson ?? ""));
            text.Append($",\"hmac\":\"{Convert.ToHexStringLower(mac)}\"");
        }

        text.Append('}');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The same as CBOR; intervalMs, when given, becomes args {"ms": intervalMs}.</summary>
    public byte[] Cbor(string id, string cmd, long? counter = null, long? intervalMs = null, bool sign = true)
    {
        byte[] args = [];
        if (intervalMs != null)
        {
            var a = new CborWriter();
            a.WriteStartMap(1);
            a.WriteTextString("ms");
            a.WriteInt64(intervalMs.Value);
            a.WriteEndMap();
            args = a.Encode();
        }

        bool signed = sign && key != null;
        var w = new CborWriter();
        w.WriteStartMap(2 + (counter != null ? 1 : 0) + (args.Length > 0 ? 1 : 0) + (signed ? 1 : 0));
        w.WriteTextString("id");
        w.WriteTextString(id);
        w.WriteTextString("cmd");
        w.WriteTextString(cmd);
        if (counter != null)
        {
            w.WriteTextString("counter");
            w.WriteInt64(counter.Value);
        }

        if (args.Length > 0)
        {
            w.WriteTextString("args");
            w.WriteEncodedValue(args);
        }

        if (signed)
        {
            w.WriteTextString("hmac");
            w.WriteByteString(Mac(key!, deviceId, id, counter ?? 0, cmd, args));
        }

        w.WriteEndMap();
        return w.Encode();
    }
}
