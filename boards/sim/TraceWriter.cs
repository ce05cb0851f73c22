using System.Text.Json;
using System.Text.Json.Serialization;

namespace nanoFramework.BMS.Sim;

/// <summary>Writes trace events as JSON Lines: one object per line, simulated time in "tMs".</summary>
public sealed class TraceWriter(TextWriter output) : IDisposable
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Write(TraceEvent e) => output.WriteLine(JsonSerializer.Serialize(e, Options));

    public void Dispose() => output.Dispose();
}
