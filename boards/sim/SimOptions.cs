using System.Globalization;
using System.Text;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Mqtt;
using nanoFramework.BMS.Uplink;

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
          --console-script FILE
                               type the file's lines at the technician console instead
                               of the demo's (one every 0.5 s; "#wait MS" pauses);
                               without it, lines typed on a terminal go to the console

        MQTT uplink (docs/mqtt.md). By default the board starts an MQTT broker inside this
        process on 127.0.0.1 and a cloud client that shows what arrives:
          --broker HOST:PORT   use an external broker instead
          --mqtt-user NAME     user name for the broker
          --mqtt-password PW   password for the broker
          --mqtt-tls           connect with TLS (certificate checked by the system)
          --format NAME        json or cbor telemetry and alerts (default json)
          --aggregate          send one-second min/max/mean instead of every sample
          --telemetry-qos N    0 or 1 (default 0); alerts, acks and status always use 1
          --ha-discovery       publish Home Assistant discovery configs (json only)
          --command-key TEXT   per-device key of signed commands (default: a demo key)
          --no-mqtt            run without an MQTT session
          --wire-sizes         measure wire bytes per cell sample (16 cells, 100 Hz) and exit
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

    /// <summary>The key of signed commands when none is given: for the demo only, never for a real pack.</summary>
    public const string DemoCommandKey = "bms-sim-demo-key";

    public double DurationSeconds { get; init; } = 240;
    public double Speed { get; init; } = 20;
    public int Cells { get; init; } = 4;
    public int Thermistors { get; init; } = 2;
    public Chemistry Chemistry { get; init; } = Chemistry.Nmc;
    public int RateHz { get; init; } = 50;
    public double CapacityAh { get; init; } = 3;
    public int Seed { get; init; } = 1;
    public bool InjectFault { get; init; } = true;
    public string? ConsoleScriptPath { get; init; }
    public string? TracePath { get; init; }
    public string? PlotPath { get; init; }
    public bool Help { get; init; }
    public bool Mqtt { get; init; } = true;
    public MqttEndpoint? Broker { get; init; }
    public string? MqttUser { get; init; }
    public string? MqttPassword { get; init; }
    public bool MqttTls { get; init; }
    public PayloadFormat Format { get; init; } = PayloadFormat.Json;
    public bool Aggregate { get; init; }
    public int TelemetryQos { get; init; }
    public bool HomeAssistant { get; init; }
    public string CommandKey { get; init; } = DemoCommandKey;
    public bool WireSizes { get; init; }

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
                "--console-script" => options with { ConsoleScriptPath = Value() },
                "--trace" => options with { TracePath = Value() },
                "--broker" => options with { Broker = ParseBroker(Value()) },
                "--mqtt-user" => options with { MqttUser = Value() },
                "--mqtt-password" => options with { MqttPassword = Value() },
                "--mqtt-tls" => options with { MqttTls = true },
                "--format" => options with { Format = ParseFormat(Value()) },
                "--aggregate" => options with { Aggregate = true },
                "--telemetry-qos" => options with { TelemetryQos = (int)Integer(name, Value(), 0, 1) },
                "--ha-discovery" => options with { HomeAssistant = true },
                "--command-key" => options with { CommandKey = NonEmpty(name, Value()) },
                "--no-mqtt" => options with { Mqtt = false },
                "--wire-sizes" => options with { WireSizes = true },
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

    /// <summary>The firmware's uplink settings for these options. The simulator keeps ten minutes of telemetry while offline.</summary>
    public UplinkSettings UplinkSettings() => new()
    {
        Format = Format,
        Mode = Aggregate ? TelemetryMode.Aggregate : TelemetryMode.Samples,
        TelemetryQos = TelemetryQos,
        TelemetrySlots = 600,
        HomeAssistantDiscovery = HomeAssistant,
        CommandKey = Encoding.UTF8.GetBytes(CommandKey),
    };

    /// <summary>The external broker with its credentials, or null for the in-process one.</summary>
    public MqttEndpoint? BrokerEndpoint() => Broker == null ? null : Broker with { User = MqttUser, Password = MqttPassword, Tls = MqttTls };

    private static MqttEndpoint ParseBroker(string value)
    {
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            throw new ArgumentException($"--broker must be HOST:PORT, got '{value}'");
        return new MqttEndpoint(value[..colon], port);
    }

    private static PayloadFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "json" => PayloadFormat.Json,
        "cbor" => PayloadFormat.Cbor,
        _ => throw new ArgumentException($"--format must be json or cbor, got '{value}'"),
    };

    private static string NonEmpty(string name, string value) =>
        value.Length > 0 ? value : throw new ArgumentException($"{name} must not be empty");

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
