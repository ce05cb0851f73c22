using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// Stable nanoFramework's metadata processor rejects generic types and methods, which the C#
/// compiler accepts against its mscorlib; so this reads the gate's build of the firmware.
/// </summary>
public class NanoFrameworkCompatibilityTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nanoFramework.BMS.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static string Configuration() =>
        typeof(NanoFrameworkCompatibilityTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static IEnumerable<object[]> FirmwareAssemblies()
    {
        yield return [Path.Combine(RepoRoot(), "tests", "NanoFrameworkGate", "bin", Configuration(), "netstandard2.0", "nanoFramework.BMS.Firmware.Nf.dll")];
        yield return [typeof(PackController).Assembly.Location];
    }

    [Theory]
    [MemberData(nameof(FirmwareAssemblies))]
    public void FirmwareDefinesAndUsesNoGenerics(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing: the nanoFramework gate did not build");
        var problems = GenericsIn(path);
        Assert.True(problems.Count == 0, "generics in the firmware:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheckFindsAGenericWhenThereIsOne()
    {
        // This test assembly is full of generics (List<T>, lambdas): the check must see them.
        Assert.NotEmpty(GenericsIn(typeof(NanoFrameworkCompatibilityTests).Assembly.Location));
    }

    [Fact]
    public void TheGateAssemblyReferencesOnlyNanoFrameworksMscorlib()
    {
        string path = (string)FirmwareAssemblies().First()[0];
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
        Assert.Equal(["mscorlib"], references);
        var version = reader.GetAssemblyReference(reader.AssemblyReferences.First()).Version;
        Assert.Equal(1, version.Major);
    }

    [Fact]
    public void FirmwareSourcesAvoidWhatTheRulesForbid()
    {
        // double computes in float on stock ESP32 firmware; wall-clock time jumps with SNTP.
        var forbidden = new Regex(@"\bdouble\b|\bDateTime\b|\basync\b|\bawait\b|System\.Linq|\bMath\.|<[A-Z]\w*>");
        var hits = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "firmware", "src"), "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].Split("//")[0];
                if (forbidden.IsMatch(code))
                    hits.Add($"{Path.GetFileName(file)}:{i + 1}: {lines[i].Trim()}");
            }
        }

        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    private static List<string> GenericsIn(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var problems = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (type.GetGenericParameters().Count > 0)
                problems.Add("generic type " + reader.GetString(type.Name));
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.GetGenericParameters().Count > 0)
                    problems.Add($"generic method {reader.GetString(type.Name)}.{reader.GetString(method.Name)}");
            }
        }

        // Uses of generics (List<int>, Span<byte>) appear as generic instantiations in the signature blobs.
        if (reader.GetTableRowCount(TableIndex.MethodSpec) > 0)
            problems.Add($"{reader.GetTableRowCount(TableIndex.MethodSpec)} generic method instantiation(s)");
        foreach (var handle in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.TypeSpec)).Select(MetadataTokens.TypeSpecificationHandle))
        {
            var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
            if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                problems.Add("generic type instantiation in a TypeSpec");
        }

        return problems;
    }
}
