using nanoFramework.BMS.Sim.ScenarioEngine;

namespace nanoFramework.BMS.Tests;

/// <summary>A malformed scenario is refused with the file, the JSON path and what was expected there.</summary>
public class MalformedScenarioTests
{
    private const string Pack = """{ "chemistry": "nmc", "cells": 4, "thermistors": 2, "capacityAh": 3, "rateHz": 100 }""";

    private static string Scenario(string loads = "[]", string faults = "[]", string expect = """[ { "noTrip": { "fromS": 0 } } ]""", string pack = Pack, string initial = """{ "soc": 0.5 }""") =>
        $$"""{ "name": "x", "pack": {{pack}}, "initial": {{initial}}, "durationS": 10, "loads": {{loads}}, "faults": {{faults}}, "expect": {{expect}} }""";

    [Theory]
    // The schema refuses these as well.
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "noTrip": { "fromS": 0 } } ], "extra": 1 }""",
        "$.extra", "unknown property \"extra\"", true)]
    [InlineData("""{ "name": "x", "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.pack", "expected an object, but it is missing", true)]
    [InlineData("""{ "name": "x", "pack": { "chemistry": "lead", "cells": 4, "thermistors": 2, "capacityAh": 3, "rateHz": 100 }, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.pack.chemistry", "expected one of \"nmc\", \"lfp\", got \"lead\"", true)]
    [InlineData("""{ "name": "x", "pack": { "chemistry": "nmc", "cells": 17, "thermistors": 2, "capacityAh": 3, "rateHz": 100 }, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.pack.cells", "expected a whole number from 1 to 16, got 17", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": "half" }, "durationS": 10, "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.initial.soc", "expected a number from 0 to 1, got the string \"half\"", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "faults": [ { "atS": 1, "kind": "meteorStrike" } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.faults[0].kind", "expected one of \"cellTapOpen\"", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "faults": [ { "atS": 1, "kind": "adcNoiseBurst", "adc": "cells", "counts": 5 } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.faults[0].durationS", "a adcNoiseBurst needs a duration", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "loads": [ { "atS": 1, "kind": "cccv", "amps": 3 } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.loads[0].cellVolts", "expected a number from 0.5 to 5, but it is missing", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "fault": "cell_over_voltage", "withinMs": 50 } ] }""",
        "$.expect[0]", "expected exactly one of \"after\"", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [ { "contactor": "open", "atS": 1, "noTrip": { "fromS": 0 } } ] }""",
        "$.expect[0]", "expected exactly one of \"fault\", \"noTrip\", \"contactor\" or \"socAtEnd\", got \"noTrip\" and \"contactor\"", true)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "expect": [] }""",
        "$.expect", "expected at least one expectation", true)]
    // Beyond the schema: what depends on the pack or on other entries.
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "faults": [ { "atS": 1, "kind": "cellTapOpen", "cell": 7 } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.faults[0].cell", "expected a whole number from 1 to 4, got 7", false)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "faults": [ { "atS": 1, "kind": "i2cTimeout", "name": "t" } ], "expect": [ { "fault": "current_sensor_lost", "withinMs": 50, "after": "tiemout" } ] }""",
        "$.expect[0].after", "\"tiemout\" is not one (names: \"start\", \"t\")", false)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "loads": [ { "atS": 20, "kind": "rest" } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.loads[0].atS", "expected a number from 0 to 10, got 20", false)]
    [InlineData("""{ "name": "x", "pack": """ + Pack + """, "initial": { "soc": 0.5 }, "durationS": 10, "faults": [ { "atS": 1, "kind": "thermalRunaway", "cell": 1, "shortOhms": 0.2, "durationS": 5 } ], "expect": [ { "noTrip": { "fromS": 0 } } ] }""",
        "$.faults[0].durationS", "a thermalRunaway lasts: it takes no duration", true)]
    public void AMalformedScenarioNamesTheFileThePathAndWhatWasExpected(string json, string path, string expected, bool schemaRefusesItToo)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Parse("bad.json", json));
        Assert.Equal("bad.json", e.File);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(expected, e.Problem);
        Assert.StartsWith($"bad.json: {path}: ", e.Message);
        if (schemaRefusesItToo)
            Assert.False(ScenarioFileTests.SchemaAccepts(json), "the schema should refuse this too");
    }

    [Fact]
    public void BrokenJsonGetsItsLineAndPosition()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioReader.Parse("broken.json", "{\n  \"name\": \"x\",\n  \"pack\": { \"cells\": 4,, }\n}"));
        Assert.Equal("broken.json", e.File);
        Assert.Contains("not valid JSON at line 3", e.Problem);
        Assert.Equal("$.pack", e.JsonPath);
    }

    [Fact]
    public void AWellFormedMinimalScenarioIsRead()
    {
        var scenario = ScenarioReader.Parse("ok.json", Scenario(loads: """[ { "atS": 1, "kind": "driveCycle", "peakAmps": 9, "name": "drive" } ]"""));
        Assert.Equal(10_000, scenario.DurationMs);
        Assert.Single(scenario.Timeline);
        Assert.IsType<NoTrip>(Assert.Single(scenario.Expectations));
        Assert.True(ScenarioFileTests.SchemaAccepts(Scenario()));
    }
}
