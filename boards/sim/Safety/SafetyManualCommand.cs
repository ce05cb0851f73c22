namespace nanoFramework.BMS.Sim.Safety;

/// <summary>`bms-sim safety-manual [--write FILE]`: prints the generated tables, or rewrites them in FILE.</summary>
public static class SafetyManualCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            output.Write(SafetyManual.Generate());
            return 0;
        }

        if (args.Length == 2 && args[0] == "--write")
        {
            string path = args[1];
            string document = File.Exists(path) ? File.ReadAllText(path) : "# Safety manual\n";
            File.WriteAllText(path, SafetyManual.Apply(document));
            output.WriteLine($"rewrote the generated tables in {path}");
            return 0;
        }

        error.WriteLine("bms-sim safety-manual: expected no arguments (print) or --write FILE");
        return 2;
    }
}
