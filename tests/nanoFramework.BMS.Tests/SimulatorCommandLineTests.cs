using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;

namespace nanoFramework.BMS.Tests;

public class SimulatorCommandLineTests
{
    [Fact]
    public void TheDefaultDemoShowsATripAndASummary()
    {
        var output = new StringWriter();
        var options = SimOptions.Parse([]) with { Speed = 0 };

        int exitCode = new DemoRun(options, output).Run();

        string text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("> contactor close", text);
        Assert.Contains("injected hot_cell", text);
        Assert.Matches(@"FAULT charge_over_temperature \(50\.\d+ degC at sensor 2\)", text);
        Assert.Contains("> contactor close\n            | contactor closing: precharge started", text);
        Assert.Contains("error: contactor close refused: a fault is latched", text);
        Assert.Matches(@"summary after 240\.0 s simulated .*, 12000 control cycles", text);
        Assert.Matches(@"  fault      charge_over_temperature: 50\.\d+ degC at sensor 2, latched at \d+\.\d\d s", text);
        Assert.Matches(@"  fault      over_temperature: 60\.\d+ degC at sensor 2, latched at 1\d\d\.\d\d s", text);
        Assert.Contains("2 alert(s) on bms/pack1/alert", text);
        // The MQTT side: connected to the in-process broker, a signed remote close refused while the fault is latched.
        Assert.Matches(@"mqtt connected to mqtt://127\.0\.0\.1:\d+ \(json, every sample\)", text);
        Assert.Contains("cloud > contactor/close (id demo-1, counter 1, HMAC-SHA256 signed)", text);
        Assert.Contains("cloud < ack demo-1 rejected: a fault is latched", text);
        Assert.Matches(@"mqtt       mqtt://127\.0\.0\.1:\d+ \(in-process broker\): the cloud client received 240 telemetry \(\d+ bytes each\), 2 alert\(s\), 1 ack\(s\); 0 telemetry dropped", text);
    }

    [Fact]
    public void MqttOptionsAreParsed()
    {
        var options = SimOptions.Parse(["--broker", "broker.local:8883", "--mqtt-user", "bms", "--mqtt-password", "pw", "--mqtt-tls", "--format", "CBOR", "--aggregate", "--telemetry-qos", "1", "--ha-discovery", "--command-key", "k"]);
        var endpoint = options.BrokerEndpoint()!;
        Assert.Equal(("broker.local", 8883, "bms", "pw", true), (endpoint.Host, endpoint.Port, endpoint.User, endpoint.Password, endpoint.Tls));
        var settings = options.UplinkSettings();
        Assert.Equal(BMS.Uplink.PayloadFormat.Cbor, settings.Format);
        Assert.Equal(BMS.Uplink.TelemetryMode.Aggregate, settings.Mode);
        Assert.Equal(1, settings.TelemetryQos);
        Assert.True(settings.HomeAssistantDiscovery);
        Assert.Equal("k"u8.ToArray(), settings.CommandKey);
        Assert.False(SimOptions.Parse(["--no-mqtt"]).Mqtt);
        Assert.Null(SimOptions.Parse([]).BrokerEndpoint());
        foreach (string option in new[] { "--broker", "--mqtt-user", "--mqtt-password", "--mqtt-tls", "--format", "--aggregate", "--no-mqtt", "--wire-sizes" })
            Assert.Contains(option, SimOptions.Usage);
    }

    [Fact]
    public void WithoutMqttTheDemoStillRuns()
    {
        var output = new StringWriter();
        int exitCode = new DemoRun(SimOptions.Parse(["--speed", "0", "--no-mqtt", "--duration", "20"]), output).Run();
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("mqtt", output.ToString());
    }

    [Fact]
    public void TheTraceHasOneJsonObjectPerLineWithSimulatedTime()
    {
        string path = Path.GetTempFileName();
        try
        {
            var options = SimOptions.Parse(["--speed", "0", "--duration", "150", "--trace", path]);
            new DemoRun(options, TextWriter.Null).Run();

            var events = File.ReadAllLines(path).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(150, events.Count(e => e.GetProperty("event").GetString() == "sample"));
            var kinds = events.Select(e => e.GetProperty("event").GetString()).ToList();
            Assert.Equal(["contactor", "contactor", "injected", "fault_raised", "contactor", "contactor", "fault_raised"], kinds.Where(k => k != "sample").ToList());
            var states = events.Where(e => e.GetProperty("event").GetString() == "contactor").Select(e => e.GetProperty("state").GetString()).ToList();
            Assert.Equal(["precharging", "closed", "opening", "open"], states);
            Assert.All(events, e => Assert.True(e.GetProperty("tMs").GetInt64() > 0));
            var raised = events.Where(e => e.GetProperty("event").GetString() == "fault_raised").Select(e => e.GetProperty("fault").GetString());
            Assert.Equal(["charge_over_temperature", "over_temperature"], raised);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OptionsAreParsed()
    {
        var options = SimOptions.Parse(["--duration", "12.5", "--speed", "0", "--cells", "16", "--thermistors", "8", "--chemistry", "LFP", "--rate", "100", "--no-fault"]);
        Assert.Equal(12.5, options.DurationSeconds);
        Assert.Equal(0, options.Speed);
        Assert.Equal(16, options.Cells);
        Assert.Equal(8, options.Thermistors);
        Assert.Equal(Chemistry.Lfp, options.Chemistry);
        Assert.Equal(100, options.RateHz);
        Assert.False(options.InjectFault);
        Assert.True(SimOptions.Parse(["--help"]).Help);
        foreach (string option in new[] { "--duration", "--speed", "--cells", "--chemistry", "--trace" })
            Assert.Contains(option, SimOptions.Usage);
    }

    [Theory]
    [InlineData(new[] { "--cells", "17" }, "--cells must be a whole number from 1 to 16, got '17'")]
    [InlineData(new[] { "--chemistry", "lead" }, "--chemistry must be nmc or lfp, got 'lead'")]
    [InlineData(new[] { "--speed" }, "--speed needs a value")]
    [InlineData(new[] { "--rate", "fast" }, "--rate must be a whole number from 10 to 100, got 'fast'")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'; see --help")]
    [InlineData(new[] { "--broker", "localhost" }, "--broker must be HOST:PORT, got 'localhost'")]
    [InlineData(new[] { "--format", "xml" }, "--format must be json or cbor, got 'xml'")]
    [InlineData(new[] { "--telemetry-qos", "2" }, "--telemetry-qos must be a whole number from 0 to 1, got '2'")]
    public void BadOptionsGetAClearMessage(string[] args, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => SimOptions.Parse(args));
        Assert.Equal(message, e.Message);
    }
}

public class ConsoleScriptTests
{
    [Fact]
    public void AConsoleScriptIsTypedAtTheConsoleInsteadOfTheDemo()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["# a technician's visit", "version", "#wait 1000", "login 1234", "contactor close", "#wait 2000", "log"]);
            var output = new StringWriter();
            var options = SimOptions.Parse(["--speed", "0", "--duration", "8", "--no-fault", "--no-mqtt", "--console-script", path]);

            Assert.Equal(0, new DemoRun(options, output).Run());

            string text = output.ToString().Replace("\r\n", "\n");
            Assert.Contains("[   0.30 s] > version\n            | nanoFramework.BMS ", text);
            Assert.Contains("[   1.80 s] > login 1234\n            | logged in; changes allowed for this session", text);
            Assert.Contains("[   2.30 s] > contactor close\n            | contactor closing: precharge started", text);
            Assert.Matches(@"> log\n\s+\| +# +at ms +event +what\n\s+\| +1 +0 +restart\n\s+\| +2 +1820 +login\n\s+\| +3 +\d+ +contactor +closed", text);
            Assert.DoesNotContain("> status", text);
            Assert.Contains("  contactor  closed", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingOrBrokenScriptGetsAClearError()
    {
        var missing = Assert.Throws<ArgumentException>(() => new DemoRun(SimOptions.Parse(["--console-script", "/nonexistent/visit.txt"]), TextWriter.Null));
        Assert.StartsWith("--console-script /nonexistent/visit.txt: ", missing.Message);

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["status", "#wait soon"]);
            var broken = Assert.Throws<ArgumentException>(() => new DemoRun(SimOptions.Parse(["--no-mqtt", "--console-script", path]), TextWriter.Null));
            Assert.Equal($"--console-script {path}, line 2: #wait expects milliseconds, got 'soon'", broken.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
