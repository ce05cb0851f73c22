using System.Diagnostics;
using System.Globalization;

namespace nanoFramework.BMS.Sim.ScenarioEngine;

/// <summary>
/// `bms-sim check [FOLDER]`: runs every *.json scenario in the folder (default
/// boards/sim/scenarios) in virtual time and reports every failed expectation. Exit code 0 when
/// all pass, 1 when any fails or cannot be read, 2 for a bad command line.
/// </summary>
public static class CheckCommand
{
    public const string DefaultFolder = "boards/sim/scenarios";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 1 || (args.Length == 1 && args[0].StartsWith('-')))
        {
            error.WriteLine("Usage: bms-sim check [FOLDER]   (default: boards/sim/scenarios)");
            return 2;
        }

        string folder = args.Length == 1 ? args[0] : FindDefaultFolder();
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"bms-sim check: no folder '{folder}'");
            return 2;
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            error.WriteLine($"bms-sim check: no *.json scenarios in '{folder}'");
            return 2;
        }

        output.WriteLine($"check: {files.Count} scenarios in {folder}");
        var wall = Stopwatch.StartNew();
        int failed = 0;
        foreach (string file in files)
        {
            var verdict = ScenarioVerdict.Of(file);
            string seconds = verdict.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            output.WriteLine($"  {(verdict.Passed ? "PASS" : "FAIL")}  {Path.GetFileName(file)}  {verdict.Name}  ({seconds} s)");
            foreach (string note in verdict.Notes)
                output.WriteLine($"        {note}");
            foreach (string failure in verdict.Failures)
                output.WriteLine($"        FAILED {failure}");
            if (!verdict.Passed)
                failed++;
        }

        output.WriteLine($"{files.Count - failed} passed, {failed} failed, in {wall.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The shipped scenarios, from the repository root or any folder below it.</summary>
    private static string FindDefaultFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, DefaultFolder);
            if (Directory.Exists(candidate))
                return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
        }

        return DefaultFolder;
    }
}
