using System.Globalization;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Sim;

/// <summary>Command-line options of the simulated board.</summary>
public sealed record SimOptions
{
    public const string Usage = """
        bms-sim: runs the nanoFramework.BMS firmware against a simulated battery pack.

        Usage: dotnet run --project boards/sim -- [options]

        With no options it runs the demo: a 4-cell NMC pack charges, one cell heats up, the
        firmware trips on over-temperature and opens the contactor.

        Options:
          --duration SECONDS   simulated time to run (default 240)
          --speed FACTOR       simulated seconds per real second (default 20); 0 runs in
                               virtual time, as fast as the CPU allows
          --cells N            cells in series, 1-16 (default 4)
          --thermistors N      thermistors, 1-8 (default 2)
          --chemistry NAME     nmc or lfp (default nmc)
          --rate HZ            sample rate, 10-100 (default 50)
          --capacity AH        cell capacity in Ah (default 3)
          --seed N             seed of the cell spread and sensor noise (default 1)
          --no-fault           do not heat a cell: a plain charge
          --trace FILE         write every event as one JSON object per line
          --plot FILE.png      draw cell voltages, current, temperatures, contactor and
                               faults against time when the run ends
          --help               this text

        Other commands:
          run --scenario FILE [--plot FILE.png] [--trace FILE]
                               run one scenario file (docs/simulation.md) and judge it
          check [FOLDER]       run every scenario in FOLDER (default boards/sim/scenarios)
          bench                how much faster than real time the board runs
          safety-manual [--write FILE]
                               the generated tables of docs/safety.md
        """;

    public double DurationSeconds { get; init; } = 240;
    public double Speed { get; init; } = 20;
    public int Cells { get; init; } = 4;
    public int Thermistors { get; init; } = 2;
    public Chemistry Chemistry { get; init; } = Chemistry.Nmc;
    public int RateHz { get; init; } = 50;
    public double CapacityAh { get; init; } = 3;
    public int Seed { get; init; } = 1;
    public bool InjectFault { get; init; } = true;
    public string? TracePath { get; init; }
    public string? PlotPath { get; init; }
    public bool Help { get; init; }

    /// <summary>Parses the arguments; throws ArgumentException with a message for the user.</summary>
    public static SimOptions Parse(string[] args)
    {
        var options = new SimOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                    throw new ArgumentException($"{name} needs a value");
                return args[++i];
            }

            options = name switch
            {
                "--help" or "-h" => options with { Help = true },
                "--duration" => options with { DurationSeconds = Number(name, Value(), 0.1, 1e7) },
                "--speed" => options with { Speed = Number(name, Value(), 0, 1e6) },
                "--cells" => options with { Cells = (int)Integer(name, Value(), PackProfile.MinCells, PackProfile.MaxCells) },
                "--thermistors" => options with { Thermistors = (int)Integer(name, Value(), PackProfile.MinThermistors, PackProfile.MaxThermistors) },
                "--chemistry" => options with { Chemistry = ParseChemistry(Value()) },
                "--rate" => options with { RateHz = (int)Integer(name, Value(), PackProfile.MinSampleRateHz, PackProfile.MaxSampleRateHz) },
                "--capacity" => options with { CapacityAh = Number(name, Value(), 0.1, 10000) },
                "--seed" => options with { Seed = (int)Integer(name, Value(), 0, int.MaxValue) },
                "--no-fault" => options with { InjectFault = false },
                "--trace" => options with { TracePath = Value() },
                "--plot" => options with { PlotPath = Value() },
                _ => throw new ArgumentException($"unknown option '{name}'; see --help"),
            };
        }

        return options;
    }

    public SimBoardConfig BoardConfig() => new()
    {
        Chemistry = Chemistry,
        Cells = Cells,
        Thermistors = Thermistors,
        CapacityAh = CapacityAh,
        SampleRateHz = RateHz,
        Seed = Seed,
    };

    private static Chemistry ParseChemistry(string value) => value.ToLowerInvariant() switch
    {
        "nmc" => Chemistry.Nmc,
        "lfp" => Chemistry.Lfp,
        _ => throw new ArgumentException($"--chemistry must be nmc or lfp, got '{value}'"),
    };

    private static double Number(string name, string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) || result < min || result > max)
            throw new ArgumentException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{value}'");
        return result;
    }

    private static long Integer(string name, string value, long min, long max)
    {
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long result) || result < min || result > max)
            throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{value}'");
        return result;
    }
}
