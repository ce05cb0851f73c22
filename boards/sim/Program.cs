using nanoFramework.BMS.Sim;

if (args.Length > 0 && args[0] == "safety-manual")
    return nanoFramework.BMS.Sim.Safety.SafetyManualCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "bench")
    return nanoFramework.BMS.Sim.Bench.BenchCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "run")
    return nanoFramework.BMS.Sim.ScenarioEngine.RunCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "check")
    return nanoFramework.BMS.Sim.ScenarioEngine.CheckCommand.Run(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "soc-bench")
    return nanoFramework.BMS.Sim.Estimation.SocBenchCommand.Run(args[1..], Console.Out, Console.Error);

SimOptions options;
try
{
    options = SimOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bms-sim: {e.Message}");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(SimOptions.Usage);
    return 0;
}

if (options.WireSizes)
{
    Console.Write(WireSizeBenchmark.Table(WireSizeBenchmark.Measure()));
    return 0;
}

try
{
    return new DemoRun(options, Console.Out).Run();
}
catch (ArgumentException e)
{
    // An invalid profile: the firmware refuses to start and says why.
    Console.Error.WriteLine($"bms-sim: {e.Message}");
    return 2;
}
