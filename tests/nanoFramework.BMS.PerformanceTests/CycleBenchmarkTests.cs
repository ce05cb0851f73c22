using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using nanoFramework.BMS.Benchmark;
using nanoFramework.BMS.IlCounter;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>
/// The interpreter benchmark (tools/NfCycleBenchmark) on .NET: it must run, and its checksum of the
/// firmware's outputs must be the recorded one. The checksum covers every published byte and relay
/// write of 2,000 cycles, so it also proves that a performance change left the outputs alone.
/// </summary>
public class CycleBenchmarkTests
{
    /// <summary>
    /// Recorded from the firmware before any cycle-cost optimisation; a change to what the firmware
    /// publishes (format, rounding, timing) changes it, and then this value is updated on purpose:
    /// when temperatures came to be read round-robin (PackSampler.ThermistorsPerCycle), and when
    /// the local uplink came to carry the MQTT uplink's samples-mode JSON (LocalUplink).
    /// </summary>
    public const string RecordedChecksum = "BF52B641";

    [Fact]
    public void TheBenchmarkPrintsTheRecordedChecksum()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            Benchmark.Program.Main();
        }
        finally
        {
            Console.SetOut(console);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"cycles {CycleBenchmark.Cycles}", lines);
        Assert.Contains(lines, line => line.StartsWith("elapsed_ms ", StringComparison.Ordinal));
        Assert.Contains($"checksum {RecordedChecksum}", lines);
        Assert.Contains(lines, line => line.StartsWith("messages 20 (", StringComparison.Ordinal) && line.EndsWith("faults latched 0", StringComparison.Ordinal));
    }

    /// <summary>
    /// The MQTT board's published bytes over 20 s of the synthetic pack (telemetry and the status
    /// message), per pack shape, format and mode, recorded before the uplink's encoders were
    /// optimised for the interpreter: they must stay the same bytes. Recorded again on purpose when
    /// temperatures came to be read round-robin (at 100 Hz a sensor's value is up to 70 ms old) and
    /// aggregate mode came to fold raw cell counts (a cell's mean is now the calibration of its mean
    /// count, not the mean of rounded millivolts); 10 Hz samples mode kept its bytes. Again when
    /// the estimator came to model the slow RC branch (the battery entry's values changed; the
    /// byte counts did not).
    /// </summary>
    [Theory]
    [InlineData(16, 8, 100, PayloadFormat.Json, TelemetryMode.Samples, "8C219A28", 137_997)]
    [InlineData(16, 8, 100, PayloadFormat.Cbor, TelemetryMode.Samples, "DB0EE14E", 62_180)]
    [InlineData(16, 8, 100, PayloadFormat.Json, TelemetryMode.Aggregate, "A72AF8F4", 18_365)]
    [InlineData(16, 8, 100, PayloadFormat.Cbor, TelemetryMode.Aggregate, "09D92FB7", 12_816)]
    [InlineData(4, 2, 10, PayloadFormat.Json, TelemetryMode.Samples, "FD774118", 13_508)]
    [InlineData(4, 2, 10, PayloadFormat.Cbor, TelemetryMode.Samples, "BA2EEA6C", 9_229)]
    [InlineData(4, 2, 10, PayloadFormat.Json, TelemetryMode.Aggregate, "C367852F", 13_325)]
    [InlineData(4, 2, 10, PayloadFormat.Cbor, TelemetryMode.Aggregate, "21C00103", 9_899)]
    public void TheMqttBoardPublishesTheRecordedBytes(int cells, int thermistors, int rateHz, PayloadFormat format, TelemetryMode mode, string checksum, long bytes)
    {
        var pack = new SyntheticPack(cells, thermistors, rateHz, format, mode);
        pack.Run(20 * rateHz);
        Assert.Equal(21, pack.Mqtt.Messages);
        Assert.Equal(20, pack.Mqtt.TelemetryMessages);
        Assert.Equal((checksum, bytes), (pack.Checksum.Value.ToString("X8"), pack.Mqtt.Bytes));
    }

    [Fact]
    public void TheSyntheticPackIsDeterministic()
    {
        var first = new SyntheticPack(16, 8, 100);
        var second = new SyntheticPack(16, 8, 100);
        first.Run(500);
        second.Run(500);
        Assert.Equal(first.Checksum.Value, second.Checksum.Value);
        Assert.Equal(5, first.TelemetryMessages);
    }

    [Fact]
    public void TheNanoFrameworkBuildIsAnExecutableAgainstMscorlibOnly()
    {
        string path = Path.Combine(RepositoryRoot(), "tools", "NfCycleBenchmark", "Nf", "bin", Configuration(), "netstandard2.0", "NfCycleBenchmark.dll");
        Assert.True(File.Exists(path), $"{path} is missing: the nanoFramework build of the benchmark did not build");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
        Assert.Equal(["mscorlib"], references);
        Assert.NotEqual(0, pe.PEHeaders.CorHeader!.EntryPointTokenOrRelativeVirtualAddress);
        Assert.False(pe.PEHeaders.IsDll);
    }

    internal static string RepositoryRoot() => DocsSection.RepositoryRoot();

    internal static string Configuration() =>
        typeof(CycleBenchmarkTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
