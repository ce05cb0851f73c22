namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// Prints the IL instruction counts of the control cycle per profile, checks them against the
/// budget, and with --write-docs rewrites the generated section of docs/performance.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: dotnet run -c Release --project tools/IlCounter [-- --write-docs]");
            Console.WriteLine("  Instruments a copy of the firmware (nanoFramework.BMS.Firmware.dll) to count every IL");
            Console.WriteLine("  instruction it executes, runs the synthetic pack in virtual time and prints the cost per");
            Console.WriteLine("  control cycle and the MQTT uplink thread for each profile. Exits 1 when the ESP32's board");
            Console.WriteLine("  and telemetry mode is over the budget, or anything allocates.");
            Console.WriteLine("  --write-docs  also rewrites the generated section of docs/performance.md (Release builds only)");
            Console.WriteLine("  --estimator   measures only the state estimators' share of the cycle (docs/estimation.md)");
            return 0;
        }

        if (args.Contains("--estimator"))
        {
            // The state estimators' share only (docs/estimation.md), for the budget's profile.
            var instrumented = Instrumenter.Instrument(CycleCostTool.FirmwarePath);
            var budgeted = MeasuredProfile.Standard.First(CycleBudget.AppliesTo);
            Console.Write(EstimatorShare.Render(EstimatorShare.Measure(instrumented, budgeted)));
            return 0;
        }

        var unknown = args.Where(a => a != "--write-docs").ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown option {unknown[0]}; --help lists the options");
            return 2;
        }

        var costs = CycleCostTool.MeasureStandardProfiles();
        string report = MarkdownReport.Render(costs);
        Console.WriteLine(report);

        if (args.Contains("--write-docs"))
        {
            if (costs[0].FirmwareConfiguration != "Release")
            {
                Console.Error.WriteLine($"the firmware build is {costs[0].FirmwareConfiguration}: the documented counts are of the Release build; run with -c Release");
                return 2;
            }

            string path = Path.Combine(DocsSection.RepositoryRoot(), DocsSection.RelativePath);
            File.WriteAllText(path, DocsSection.Replace(File.ReadAllText(path), report));
            Console.WriteLine($"wrote {DocsSection.RelativePath}");
        }

        // The budget is held on the ESP32's board and mode; the other boards and modes are reported
        // (the tests hold them to ceilings). Allocation is over budget anywhere.
        int failing = 0;
        foreach (var cost in costs)
        {
            bool held = CycleBudget.IsEsp32(cost.Profile);
            foreach (string violation in CycleBudget.Violations(cost))
            {
                bool fails = held || cost.AllocatedBytes > CycleBudget.MaxSteadyAllocatedBytes;
                Console.Error.WriteLine((fails ? "over budget: " : "over budget (not the ESP32's mode): ") + violation);
                if (fails)
                    failing++;
            }
        }

        return failing == 0 ? 0 : 1;
    }
}
