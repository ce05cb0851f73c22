using System.Text.Json;
using nanoFramework.BMS.Sim;
using nanoFramework.BMS.Sim.ScenarioEngine;

namespace nanoFramework.BMS.Tests;

/// <summary>The run and check commands: failures are reported one by one, plots and traces are written, transient faults end.</summary>
public class ScenarioRunTests
{
    private const string Pack = """{ "chemistry": "nmc", "cells": 4, "thermistors": 2, "capacityAh": 3, "rateHz": 100, "seed": 2 }""";

    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "bms-scenarios-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void CheckFailsWithEveryUnmetExpectationAndTheFileThatCannotBeRead()
    {
        string folder = TempFolder();
        try
        {
            // A tap opens at 2 s: the contactor opens, so "closed at 5 s" and "no trip" both fail; "within 40 ms" holds.
            File.WriteAllText(Path.Combine(folder, "a-wrong.json"), $$"""
                { "name": "wrong on purpose", "pack": {{Pack}}, "initial": { "soc": 0.5, "contactor": "closed" }, "durationS": 6,
                  "faults": [ { "atS": 2, "kind": "cellTapOpen", "cell": 1, "name": "tap" } ],
                  "expect": [ { "contactor": "closed", "atS": 5 }, { "noTrip": { "fromS": 0 } },
                              { "fault": "cell_voltage_implausible", "withinMs": 40, "after": "tap" } ] }
                """);
            File.WriteAllText(Path.Combine(folder, "b-broken.json"), """{ "name": 3 }""");
            var output = new StringWriter();

            int exitCode = CheckCommand.Run([folder], output, output);

            string text = output.ToString();
            Assert.Equal(1, exitCode);
            Assert.Contains("FAIL  a-wrong.json  wrong on purpose", text);
            Assert.Contains("FAILED $.expect[0]: expected contactor closed at 5.000 s: it was open; latched: cell_voltage_implausible at 2.030 s", text);
            Assert.Contains("FAILED $.expect[1]: expected no trip from 0.000 s to 6.000 s: tripped: cell_voltage_implausible at 2.030 s", text);
            Assert.DoesNotContain("$.expect[2]", text);
            Assert.Contains("FAIL  b-broken.json", text);
            Assert.Contains("b-broken.json: $.name: expected a string, got 3", text);
            Assert.Contains("0 passed, 2 failed", text);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void RunWritesAPlotAndATraceAndNarrates()
    {
        string folder = TempFolder();
        try
        {
            string scenario = Path.Combine(folder, "s.json");
            File.WriteAllText(scenario, $$"""
                { "name": "hot cell", "pack": {{Pack}}, "initial": { "soc": 0.5, "contactor": "closed" }, "durationS": 30,
                  "loads": [ { "atS": 1, "kind": "constantCurrent", "amps": -3 } ],
                  "faults": [ { "atS": 5, "kind": "cellTemperature", "cell": 1, "celsius": 70, "name": "hot" } ],
                  "expect": [ { "fault": "over_temperature", "withinMs": 600, "after": "hot" } ] }
                """);
            string plot = Path.Combine(folder, "s.png"), trace = Path.Combine(folder, "s.jsonl");
            var output = new StringWriter();

            int exitCode = RunCommand.Run(["--scenario", scenario, "--plot", plot, "--trace", trace], output, output);

            string text = output.ToString();
            Assert.True(exitCode == 0, text);
            Assert.Contains("5.000 s  injected cellTemperature (cell 1, celsius 70)", text);
            Assert.Matches(@"5\.\d{3} s  FAULT over_temperature \([67]\d\.\d+, #1\)", text);
            Assert.Contains("PASS: 1 expectation(s) met", text);
            byte[] png = File.ReadAllBytes(plot);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
            Assert.True(png.Length > 20_000, $"the plot is only {png.Length} bytes");
            var events = File.ReadAllLines(trace).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()).ToList();
            Assert.Contains("load", events);
            Assert.Contains("injected", events);
            Assert.Contains("fault_raised", events);
            Assert.Equal(30, events.Count(e => e == "sample"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void ATransientFaultIsUndoneWhenItsDurationEnds()
    {
        var scenario = ScenarioReader.Parse("t.json", $$"""
            { "name": "burst", "pack": {{Pack}}, "initial": { "soc": 0.5 }, "durationS": 3,
              "faults": [ { "atS": 1, "kind": "adcNoiseBurst", "adc": "cells", "counts": 40, "durationS": 0.5 },
                          { "atS": 1, "kind": "i2cStuckBus", "durationS": 0.5 } ],
              "expect": [ { "contactor": "open", "atS": 2 } ] }
            """);
        var noise = new List<(long Ms, double Counts, bool BusOk)>();
        var player = new ScenarioPlayer(scenario);
        player.Stepped += b => noise.Add((b.NowMs, b.CellAdc.NoiseCounts, b.Ina219.Failure == Sim.Peripherals.I2cFailure.None));
        player.Run();
        Assert.All(noise.Where(n => n.Ms > 1000 && n.Ms <= 1500), n => Assert.Equal(40, n.Counts));
        Assert.All(noise.Where(n => n.Ms > 1500), n => Assert.Equal(1, n.Counts));
        Assert.All(noise.Where(n => n.Ms > 1000 && n.Ms <= 1500), n => Assert.False(n.BusOk));
        Assert.All(noise.Where(n => n.Ms > 1500), n => Assert.True(n.BusOk));
    }
}
