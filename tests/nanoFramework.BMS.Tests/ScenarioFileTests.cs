using System.Text.Json;
using Json.Schema;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.ScenarioEngine;

namespace nanoFramework.BMS.Tests;

/// <summary>The shipped scenarios: they pass, they cover every fault id and both chemistries, and they match the schema.</summary>
public class ScenarioFileTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(SafetyScenarioTests.RepoRoot(), "docs", "scenario.schema.json"))));

    internal static string ScenarioFolder => Path.Combine(SafetyScenarioTests.RepoRoot(), "boards", "sim", "scenarios");

    private static IEnumerable<string> Files => Directory.GetFiles(ScenarioFolder, "*.json").Order(StringComparer.Ordinal);

    public static IEnumerable<object[]> FileNames() => Files.Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void CheckPassesOnEveryShippedScenario()
    {
        var output = new StringWriter();
        int exitCode = CheckCommand.Run([ScenarioFolder], output, output);
        Assert.True(exitCode == 0, output.ToString());
        Assert.Matches(@"\n\d+ passed, 0 failed, in [\d.]+ s", output.ToString());
    }

    [Fact]
    public void EveryFaultIdHasAShippedScenarioThatExpectsIt()
    {
        var expected = Files.Select(ScenarioReader.ReadFile)
            .SelectMany(s => s.Expectations.OfType<FaultWithin>().Select(e => e.Fault))
            .ToHashSet();
        var missing = Enum.GetValues<FaultId>().Where(f => f != FaultId.None && !expected.Contains(f)).Select(FaultNames.Name);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(Chemistry.Nmc)]
    [InlineData(Chemistry.Lfp)]
    public void EachChemistryHasANormalOperationScenarioOfAnHourOrMore(Chemistry chemistry)
    {
        var normal = Files.Select(ScenarioReader.ReadFile).Where(s =>
            s.Board.Chemistry == chemistry
            && s.DurationMs >= 3600_000
            && s.Expectations.OfType<NoTrip>().Any(n => n.FromMs == 0 && n.ToMs == s.DurationMs)
            && s.Expectations.OfType<ContactorAt>().Any(c => c.Closed)
            && !s.Timeline.OfType<FaultInjection>().Any(f => f.Kind.Name != "ambient"));
        Assert.NotEmpty(normal);
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void EveryShippedScenarioMatchesTheSchema(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScenarioFolder, name)));
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", SchemaErrors(result)));
    }

    [Fact]
    public void TheSchemaNamesEveryKindParameterAndFaultIdOfTheCode()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SafetyScenarioTests.RepoRoot(), "docs", "scenario.schema.json")));
        var root = schema.RootElement;
        var faultIds = root.GetProperty("$defs").GetProperty("faultId").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(Enum.GetValues<FaultId>().Where(f => f != FaultId.None).Select(FaultNames.Name).Order(), faultIds.Order());

        var faultBranches = Branches(root, "faults");
        Assert.Equal(FaultKind.Names.Order(), faultBranches.Keys.Order());
        foreach (var kind in FaultKind.All)
        {
            var branch = faultBranches[kind.Name];
            var properties = branch.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var required = branch.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
            foreach (var parameter in kind.Parameters)
                Assert.True(required.Contains(parameter.Name), $"{kind.Name}: the schema does not require {parameter.Name}");
            Assert.Equal(kind.Adcs.Count > 0, required.Contains("adc"));
            Assert.Equal(kind.Duration != DurationRule.Forbidden, properties.Contains("durationS"));
            Assert.Equal(kind.Duration == DurationRule.Required, required.Contains("durationS"));
            Assert.Equal(kind.Parameters.Count + (kind.Adcs.Count > 0 ? 1 : 0) + (kind.Duration != DurationRule.Forbidden ? 1 : 0) + 3, properties.Count);
        }

        var loadBranches = Branches(root, "loads");
        Assert.Equal(LoadStep.Kinds.Order(), loadBranches.Keys.Order());
        foreach (string kind in LoadStep.Kinds)
        {
            var required = loadBranches[kind].GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Except(["atS", "kind"]);
            Assert.Equal(LoadStep.ParametersOf(kind).Order(), required.Order());
        }

        var quantities = root.GetProperty("properties").GetProperty("expect").GetProperty("items").GetProperty("oneOf")[0]
            .GetProperty("properties").GetProperty("afterCrossing").GetProperty("properties").GetProperty("quantity").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());
        Assert.Equal(Crossing.Quantities.Order(), quantities.Order());
    }

    private static Dictionary<string, JsonElement> Branches(JsonElement root, string array) =>
        root.GetProperty("properties").GetProperty(array).GetProperty("items").GetProperty("oneOf").EnumerateArray()
            .ToDictionary(b => b.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString()!, b => b.Clone());

    internal static IEnumerable<string> SchemaErrors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

    internal static bool SchemaAccepts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
    }
}
