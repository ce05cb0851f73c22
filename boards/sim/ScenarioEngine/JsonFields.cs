using System.Globalization;
using System.Text.Json;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// One JSON object of a scenario file, read field by field with its JSON path, so every error
/// names the place and what was expected there. Properties not read by the end are typos or
/// leftovers and are refused (Done), as the schema's additionalProperties: false does.
/// </summary>
public sealed class JsonFields
{
    private readonly string _file;
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = [];

    public JsonFields(string file, string path, JsonElement element)
    {
        _file = file;
        Path = path;
        _element = element;
        if (element.ValueKind != JsonValueKind.Object)
            throw Error(path, $"expected an object, got {Describe(element)}");
    }

    public string Path { get; }

    /// <summary>The file being read, as named in messages.</summary>
    public string File => _file;

    public ScenarioFormatException Error(string path, string problem) => new(_file, path, problem);

    public string At(string name) => $"{Path}.{name}";

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public string RequiredString(string name, IReadOnlyCollection<string>? allowed = null) =>
        OptionalString(name, allowed) ?? throw Error(At(name), Expected("a string", allowed) + ", but it is missing");

    public string? OptionalString(string name, IReadOnlyCollection<string>? allowed = null)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Error(At(name), $"{Expected("a string", allowed)}, got {Describe(value)}");
        string text = value.GetString()!;
        if (allowed != null && !allowed.Contains(text))
            throw Error(At(name), $"{Expected("a string", allowed)}, got \"{text}\"");
        return text;
    }

    public double RequiredNumber(string name, double min, double max) =>
        OptionalNumber(name, min, max) ?? throw Error(At(name), $"expected a number from {Format(min)} to {Format(max)}, but it is missing");

    public double? OptionalNumber(string name, double min, double max)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max)
            throw Error(At(name), $"expected a number from {Format(min)} to {Format(max)}, got {Describe(value)}");
        return number;
    }

    public int RequiredInteger(string name, int min, int max) =>
        OptionalInteger(name, min, max) ?? throw Error(At(name), $"expected a whole number from {min} to {max}, but it is missing");

    public int? OptionalInteger(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < min || number > max)
            throw Error(At(name), $"expected a whole number from {min} to {max}, got {Describe(value)}");
        return number;
    }

    public bool? OptionalBoolean(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw Error(At(name), $"expected true or false, got {Describe(value)}");
        return value.GetBoolean();
    }

    public JsonFields? OptionalObject(string name) => TryGet(name, out var value) ? new JsonFields(_file, At(name), value) : null;

    public JsonFields RequiredObject(string name) =>
        OptionalObject(name) ?? throw Error(At(name), "expected an object, but it is missing");

    /// <summary>The objects of an array property (empty when the property is absent).</summary>
    public IReadOnlyList<JsonFields> Objects(string name)
    {
        if (!TryGet(name, out var value))
            return [];
        if (value.ValueKind != JsonValueKind.Array)
            throw Error(At(name), $"expected an array of objects, got {Describe(value)}");
        var result = new List<JsonFields>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
            result.Add(new JsonFields(_file, $"{At(name)}[{i++}]", item));
        return result;
    }

    /// <summary>Refuses every property that was not read: a misspelt name would otherwise be ignored silently.</summary>
    public void Done()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                var known = string.Join(", ", _read.Order());
                throw Error(At(property.Name), $"unknown property \"{property.Name}\"" + (known.Length > 0 ? $"; this object takes: {known}" : ""));
            }
        }
    }

    /// <summary>Marks names as known for Done's message without reading them (properties of another kind of object).</summary>
    public void Allow(params string[] names)
    {
        foreach (string name in names)
            _read.Add(name);
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        return _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Undefined;
    }

    private static string Expected(string what, IReadOnlyCollection<string>? allowed) =>
        allowed == null ? $"expected {what}" : $"expected one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}";

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"{value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
