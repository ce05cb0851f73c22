using System.Globalization;
using nanoFramework.BMS.Sim.Plotting;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// `bms-sim run --scenario FILE [--plot FILE.png] [--trace FILE]`: runs one scenario in virtual
/// time, narrates what happens, and judges its expectations. Exit code 0 when all are met, 1
/// when any fails or the file cannot be read, 2 for a bad command line.
/// </summary>
public static class RunCommand
{
    public const string Usage = "Usage: bms-sim run --scenario FILE [--plot FILE.png] [--trace FILE]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? scenarioPath = null, plotPath = null, tracePath = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length || name is not ("--scenario" or "--plot" or "--trace"))
            {
                error.WriteLine(name is "--scenario" or "--plot" or "--trace" ? $"bms-sim run: {name} needs a value" : $"bms-sim run: unknown option '{name}'");
                error.WriteLine(Usage);
                return 2;
            }

            string value = args[++i];
            if (name == "--scenario")
                scenarioPath = value;
            else if (name == "--plot")
                plotPath = value;
            else
                tracePath = value;
        }

        if (scenarioPath == null)
        {
            error.WriteLine("bms-sim run: --scenario FILE is required");
            error.WriteLine(Usage);
            return 2;
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioReader.ReadFile(scenarioPath);
        }
        catch (Exception e) when (e is ScenarioFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"bms-sim run: {e.Message}");
            return 1;
        }

        output.WriteLine($"scenario: {scenario.Name} ({scenarioPath})");
        if (scenario.Description.Length > 0)
            output.WriteLine($"  {scenario.Description}");
        var b = scenario.Board;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {b.Cells}S {b.Chemistry.ToString().ToUpperInvariant()} {b.CapacityAh} Ah, {b.Thermistors} thermistors, {b.SampleRateHz} Hz, {scenario.DurationMs / 1000.0} s in virtual time"));

        var player = new ScenarioPlayer(scenario);
        using var trace = tracePath == null ? null : new TraceWriter(new StreamWriter(tracePath));
        RunRecorder? recorder = null;
        player.Trace += e =>
        {
            trace?.Write(e);
            Narrate(output, e);
        };
        player.ConsoleOutput += (ms, text) =>
        {
            foreach (string line in text.TrimEnd('\r', '\n').Split('\n'))
                output.WriteLine($"{At(ms)}  | {line.TrimEnd('\r')}");
        };
        if (plotPath != null)
        {
            player.Stepped += board =>
            {
                recorder ??= new RunRecorder(board, scenario.DurationMs);
                recorder.Sample(board);
            };
        }

        var verdict = ScenarioVerdict.Judge(scenario, player);
        if (recorder != null && plotPath != null)
        {
            RunPlot.Save(recorder, scenario.Name, plotPath);
            output.WriteLine($"plot: {plotPath}");
        }

        foreach (string note in verdict.Notes)
            output.WriteLine($"  met: {note}");
        foreach (string failure in verdict.Failures)
            output.WriteLine($"  FAILED {failure}");
        output.WriteLine(verdict.Passed
            ? $"PASS: {scenario.Expectations.Count} expectation(s) met"
            : $"FAIL: {verdict.Failures.Count} of {scenario.Expectations.Count} expectation(s) not met");
        return verdict.Passed ? 0 : 1;
    }

    private static string At(long ms) => (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture).PadLeft(10) + " s";

    private static void Narrate(TextWriter output, TraceEvent e)
    {
        string at = At(e.TMs);
        string? line = e.Event switch
        {
            "injected" => $"injected {e.Detail}",
            "load" or "console" => e.Detail,
            "fault_raised" => string.Create(CultureInfo.InvariantCulture, $"FAULT {e.Fault} ({e.Value:0.###}{(e.Index is int i and >= 0 ? $", #{i + 1}" : "")}{(e.Detail != null ? $", {e.Detail}" : "")})"),
            "fault_cleared" => $"fault {e.Fault} cleared",
            "contactor" => $"contactor {e.State}",
            "restart" => "firmware restarted",
            "watchdog_reset" => $"watchdog reset: {e.Detail}",
            _ => null,
        };
        if (line != null)
            output.WriteLine($"{at}  {line}");
    }
}
