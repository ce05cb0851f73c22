using Mono.Cecil;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The counter runs the .NET build of the firmware; the ESP32 runs the nanoFramework build of the
/// same sources. Both come from the same compiler, so a method's IL should be the same opcode for
/// opcode; only the mscorlib a call resolves to differs. This lists the methods where it is not,
/// so a count is known to stand for the device's code.
/// </summary>
public static class IlComparison
{
    public static List<string> MethodsThatDiffer(string hostAssemblyPath, string nanoFrameworkAssemblyPath, IEnumerable<string> methodNames)
    {
        var host = Opcodes(hostAssemblyPath);
        var device = Opcodes(nanoFrameworkAssemblyPath);
        var differing = new List<string>();
        foreach (string name in methodNames)
        {
            if (!host.TryGetValue(name, out var hostCodes) || !device.TryGetValue(name, out var deviceCodes))
                differing.Add(name + " (missing in one build)");
            else if (!hostCodes.SequenceEqual(deviceCodes))
                differing.Add($"{name} ({hostCodes.Count} vs {deviceCodes.Count} instructions)");
        }

        return differing;
    }

    private static Dictionary<string, List<string>> Opcodes(string path)
    {
        using var module = ModuleDefinition.ReadModule(path);
        return module.GetTypes()
            .SelectMany(t => t.Methods)
            .Where(m => m.HasBody)
            .ToDictionary(Instrumenter.MethodName, m => m.Body.Instructions.Select(i => i.OpCode.Name).ToList());
    }
}
