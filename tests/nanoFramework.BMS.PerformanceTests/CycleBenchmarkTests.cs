using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using nanoFramework.BMS.Benchmark;
using nanoFramework.BMS.IlCounter;

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
    /// publishes (format, rounding, timing) changes it, and then this value is updated on purpose.
    /// </summary>
    public const string RecordedChecksum = "8B40B498";

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
