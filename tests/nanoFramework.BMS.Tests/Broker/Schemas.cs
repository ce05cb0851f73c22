using System.Text.Json;
using Json.Schema;

namespace nanoFramework.BMS.Tests.Broker;

/// <summary>The JSON Schemas shipped in docs/schema, loaded once.</summary>
public static class Schemas
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Loaded = new(() =>
    {
        string dir = Path.Combine(RepoRoot(), "docs", "schema");
        return new[] { "telemetry", "alert", "status", "ack" }.ToDictionary(k => k, k => JsonSchema.FromFile(Path.Combine(dir, k + ".schema.json")));
    });

    /// <summary>Validates against the schema of the topic's last segment(s): telemetry, alert, status, cmd/ack.</summary>
    public static void AssertValid(string topic, JsonElement payload)
    {
        string kind = topic.EndsWith("/cmd/ack") ? "ack" : topic[(topic.LastIndexOf('/') + 1)..];
        var result = Loaded.Value[kind].Evaluate(payload, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors != null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            Assert.Fail($"{topic} payload does not match docs/schema/{kind}.schema.json:\n{string.Join("\n", errors)}\n{payload.GetRawText()[..Math.Min(400, payload.GetRawText().Length)]}");
        }
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nanoFramework.BMS.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
