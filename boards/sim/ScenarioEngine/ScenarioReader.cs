using System.Text.Json;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// Reads a scenario file (docs/simulation.md, docs/scenario.schema.json) into a Scenario, or
/// throws ScenarioFormatException naming the file, the JSON path and what was expected. Beyond
/// the schema it checks what depends on the pack: cell and sensor numbers, names that
/// expectations refer to.
/// </summary>
public static class ScenarioReader
{
    private static readonly string[] Chemistries = ["nmc", "lfp"];
    private static readonly string[] ContactorStates = ["open", "closed"];
    private static readonly string[] Tiers = ["operating", "recommended", "maximum"];
    private const double MaxSeconds = 30 * 24 * 3600;

    public static Scenario ReadFile(string path) => Parse(path, File.ReadAllText(path));

    public static Scenario Parse(string file, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            var (path, line, position, message) = JsonSyntaxLocator.Locate(json);
            throw new ScenarioFormatException(file, path, $"not valid JSON at line {line}, byte {position}: {FirstSentence(message)}");
        }

        using (document)
            return Read(new JsonFields(file, "$", document.RootElement));
    }

    private static Scenario Read(JsonFields root)
    {
        root.OptionalString("$schema");
        string name = root.RequiredString("name");
        string description = root.OptionalString("description") ?? "";

        var pack = root.RequiredObject("pack");
        string chemistry = pack.RequiredString("chemistry", Chemistries);
        int cells = pack.RequiredInteger("cells", PackProfile.MinCells, PackProfile.MaxCells);
        int thermistors = pack.RequiredInteger("thermistors", PackProfile.MinThermistors, PackProfile.MaxThermistors);
        double capacityAh = pack.RequiredNumber("capacityAh", 0.1, 10000);
        int rateHz = pack.RequiredInteger("rateHz", PackProfile.MinSampleRateHz, PackProfile.MaxSampleRateHz);
        int seed = pack.OptionalInteger("seed", 0, int.MaxValue) ?? 1;
        var spread = ReadSpread(pack.OptionalObject("spread"));
        var limits = pack.Objects("limits").Select(ReadLimit).ToList();
        pack.Done();

        var initial = root.RequiredObject("initial");
        double soc = initial.RequiredNumber("soc", 0, 1);
        double ambient = initial.OptionalNumber("ambientCelsius", -60, 100) ?? 25;
        double celsius = initial.OptionalNumber("celsius", -60, 100) ?? ambient;
        bool closed = (initial.OptionalString("contactor", ContactorStates) ?? "open") == "closed";
        initial.Done();

        long durationMs = Ms(root.RequiredNumber("durationS", 0.01, MaxSeconds));
        var context = new Context(cells, thermistors, durationMs);

        var timeline = new List<TimelineEntry>();
        timeline.AddRange(root.Objects("loads").Select(o => ReadLoad(o, context)));
        timeline.AddRange(root.Objects("faults").Select(o => ReadFault(o, context)));
        timeline.AddRange(root.Objects("console").Select(o => ReadConsole(o, context)));
        var names = new Dictionary<string, string> { ["start"] = "$" };
        foreach (var entry in timeline.Where(e => e.Name != null))
        {
            if (!names.TryAdd(entry.Name!, entry.Path))
                throw root.Error($"{entry.Path}.name", $"the name \"{entry.Name}\" is already used at {names[entry.Name!]}; names must be unique (\"start\" is taken)");
        }

        var expectations = root.Objects("expect").Select(o => ReadExpectation(o, context, names)).ToList();
        if (expectations.Count == 0)
            throw root.Error("$.expect", "expected at least one expectation: a scenario that checks nothing proves nothing");
        root.Done();

        var config = new SimBoardConfig
        {
            Chemistry = chemistry == "lfp" ? Chemistry.Lfp : Chemistry.Nmc,
            Cells = cells,
            Thermistors = thermistors,
            CapacityAh = capacityAh,
            SampleRateHz = rateHz,
            InitialSoc = soc,
            AmbientCelsius = ambient,
            Seed = seed,
            Spread = spread,
        };
        return new Scenario
        {
            File = root.File,
            Name = name,
            Description = description,
            Board = config,
            Limits = limits,
            InitialCelsius = celsius,
            CloseAtBoot = closed,
            DurationMs = durationMs,
            // A stable sort: entries at the same time keep the file's order (loads, faults, console).
            Timeline = timeline.OrderBy(e => e.AtMs).ToList(),
            Expectations = expectations,
        };
    }

    private sealed record Context(int Cells, int Thermistors, long DurationMs);

    private static PackSpread ReadSpread(JsonFields? o)
    {
        if (o == null)
            return new PackSpread();
        var defaults = new PackSpread();
        var spread = new PackSpread
        {
            CapacityFraction = o.OptionalNumber("capacity", 0, 0.5) ?? defaults.CapacityFraction,
            ResistanceFraction = o.OptionalNumber("resistance", 0, 0.9) ?? defaults.ResistanceFraction,
            SelfDischargeFraction = o.OptionalNumber("selfDischarge", 0, 0.99) ?? defaults.SelfDischargeFraction,
            InitialSoc = o.OptionalNumber("initialSoc", 0, 0.5) ?? defaults.InitialSoc,
        };
        o.Done();
        return spread;
    }

    private static LimitOverride ReadLimit(JsonFields o)
    {
        var fault = ReadFaultId(o, "fault");
        string tier = o.RequiredString("tier", Tiers);
        float limit = (float)o.RequiredNumber("limit", -1e6, 1e6);
        o.Done();
        var parsedTier = tier == "operating" ? Tier.Operating : tier == "recommended" ? Tier.Recommended : Tier.Maximum;
        return new LimitOverride(fault, parsedTier, limit);
    }

    private static TimelineEntry ReadLoad(JsonFields o, Context context)
    {
        long atMs = ReadAt(o, context);
        string kind = o.RequiredString("kind", LoadStep.Kinds);
        var parameters = new Dictionary<string, double>();
        foreach (string parameter in LoadStep.ParametersOf(kind))
        {
            double min = parameter.EndsWith("Volts") ? 0.5 : parameter.EndsWith('S') ? 0.01 : parameter == "amps" ? -100_000 : 0;
            double max = parameter.EndsWith("Volts") ? 5 : parameter.EndsWith('S') ? MaxSeconds : 100_000;
            parameters[parameter] = o.RequiredNumber(parameter, min, max);
        }

        var entry = new LoadStep { AtMs = atMs, Name = o.OptionalString("name"), Path = o.Path, Kind = kind, Parameters = parameters };
        o.Done();
        return entry;
    }

    private static TimelineEntry ReadFault(JsonFields o, Context context)
    {
        long atMs = ReadAt(o, context);
        string kindName = o.RequiredString("kind", FaultKind.Names);
        var kind = FaultKind.Find(kindName)!;
        string? adc = kind.Adcs.Count > 0 ? o.RequiredString("adc", kind.Adcs) : null;
        var numbers = new Dictionary<string, double>();
        foreach (var parameter in kind.Parameters)
        {
            int channels = adc == "thermistors" ? context.Thermistors : context.Cells;
            numbers[parameter.Name] = parameter.Kind switch
            {
                ParameterKind.Cell => o.RequiredInteger(parameter.Name, 1, context.Cells),
                ParameterKind.Sensor => o.RequiredInteger(parameter.Name, 1, context.Thermistors),
                ParameterKind.Channel => o.RequiredInteger(parameter.Name, 1, channels),
                _ => o.RequiredNumber(parameter.Name, parameter.Min, parameter.Max),
            };
        }

        long? durationMs = null;
        if (o.Has("durationS") && kind.Duration == DurationRule.Forbidden)
            throw o.Error(o.At("durationS"), $"a {kind.Name} lasts: it takes no duration");
        double? seconds = o.OptionalNumber("durationS", 0.001, MaxSeconds);
        if (seconds == null && kind.Duration == DurationRule.Required)
            throw o.Error(o.At("durationS"), $"a {kind.Name} needs a duration: expected a number of seconds from 0.001 to {MaxSeconds}, but it is missing");
        if (seconds != null)
            durationMs = Ms(seconds.Value);

        var entry = new FaultInjection { AtMs = atMs, Name = o.OptionalString("name"), Path = o.Path, Kind = kind, Adc = adc, Numbers = numbers, DurationMs = durationMs };
        o.Done();
        return entry;
    }

    private static TimelineEntry ReadConsole(JsonFields o, Context context)
    {
        var entry = new ConsoleLine { AtMs = ReadAt(o, context), Line = o.RequiredString("line"), Name = o.OptionalString("name"), Path = o.Path };
        o.Done();
        return entry;
    }

    private static Expectation ReadExpectation(JsonFields o, Context context, Dictionary<string, string> names)
    {
        string[] kinds = ["fault", "noTrip", "contactor", "socAtEnd"];
        var present = kinds.Where(o.Has).ToList();
        if (present.Count != 1)
        {
            o.Allow(kinds);
            throw o.Error(o.Path, present.Count == 0
                ? "expected one of \"fault\", \"noTrip\", \"contactor\" or \"socAtEnd\""
                : $"expected exactly one of \"fault\", \"noTrip\", \"contactor\" or \"socAtEnd\", got {string.Join(" and ", present.Select(p => $"\"{p}\""))}");
        }

        Expectation expectation;
        switch (present[0])
        {
            case "fault":
                expectation = ReadFaultWithin(o, context, names);
                break;
            case "noTrip":
                var window = o.RequiredObject("noTrip");
                long from = Ms(window.RequiredNumber("fromS", 0, MaxSeconds));
                long to = Ms(window.OptionalNumber("toS", 0, MaxSeconds) ?? context.DurationMs / 1000.0);
                window.Done();
                if (to < from)
                    throw o.Error(window.At("toS"), "expected a time at or after fromS");
                expectation = new NoTrip { Path = o.Path, FromMs = from, ToMs = to };
                break;
            case "contactor":
                bool closed = o.RequiredString("contactor", ContactorStates) == "closed";
                expectation = new ContactorAt { Path = o.Path, Closed = closed, AtMs = Ms(o.RequiredNumber("atS", 0, context.DurationMs / 1000.0)) };
                break;
            default:
                var range = o.RequiredObject("socAtEnd");
                double min = range.RequiredNumber("min", -0.05, 1.05);
                double max = range.RequiredNumber("max", min, 1.05);
                range.Done();
                expectation = new SocAtEnd { Path = o.Path, Min = min, Max = max };
                break;
        }

        o.Done();
        return expectation;
    }

    private static Expectation ReadFaultWithin(JsonFields o, Context context, Dictionary<string, string> names)
    {
        var fault = ReadFaultId(o, "fault");
        long within = (long)o.RequiredNumber("withinMs", 0, MaxSeconds * 1000);
        long early = (long)(o.OptionalNumber("earlyMs", 0, MaxSeconds * 1000) ?? 0);
        bool first = o.OptionalBoolean("first") ?? false;
        string? after = o.OptionalString("after");
        var crossingObject = o.OptionalObject("afterCrossing");
        if ((after == null) == (crossingObject == null))
            throw o.Error(o.Path, "expected exactly one of \"after\" (a name from the timeline, or \"start\") and \"afterCrossing\"");
        if (after != null && !names.ContainsKey(after))
            throw o.Error(o.At("after"), $"expected the name of a load, fault or console entry, or \"start\"; \"{after}\" is not one (names: {string.Join(", ", names.Keys.Select(n => $"\"{n}\""))})");
        Crossing? crossing = null;
        if (crossingObject != null)
        {
            string quantity = crossingObject.RequiredString("quantity", Crossing.Quantities);
            double? above = crossingObject.OptionalNumber("above", -1e6, 1e6);
            double? below = crossingObject.OptionalNumber("below", -1e6, 1e6);
            if ((above == null) == (below == null))
                throw o.Error(crossingObject.Path, "expected exactly one of \"above\" and \"below\"");
            crossingObject.Done();
            crossing = new Crossing(quantity, above != null, above ?? below!.Value);
        }

        return new FaultWithin { Path = o.Path, Fault = fault, WithinMs = within, EarlyMs = early, First = first, After = after, Crossing = crossing };
    }

    private static FaultId ReadFaultId(JsonFields o, string name)
    {
        var ids = Enum.GetValues<FaultId>().Where(f => f != FaultId.None).ToArray();
        string text = o.RequiredString(name, ids.Select(FaultNames.Name).ToArray());
        return ids.First(f => FaultNames.Name(f) == text);
    }

    private static long ReadAt(JsonFields o, Context context)
    {
        double limit = context.DurationMs / 1000.0;
        return Ms(o.RequiredNumber("atS", 0, limit));
    }

    private static long Ms(double seconds) => (long)Math.Round(seconds * 1000);

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
