using Mono.Cecil;
using Mono.Cecil.Cil;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// The counter runs the .NET build of the firmware; the ESP32 runs the nanoFramework build of the
/// same sources. Both come from the same compiler, so a method's IL should be the same opcode for
/// opcode; only the mscorlib a call resolves to differs. This lists the methods where it is not,
/// so a count is known to stand for the device's code. One difference is expected and allowed: a
/// <c>lock</c> compiles, against .NET's mscorlib, to <c>Monitor.Enter(object, ref bool lockTaken)</c>
/// with a flag set before the try and tested in the finally; nanoFramework's mscorlib has only
/// <c>Monitor.Enter(object)</c>, so there the compiler emits the older pattern without the flag. The
/// flag's five instructions are left out of the comparison (and the locals after it renumbered),
/// which makes the host's count of a method with a lock five IL instructions per lock above the
/// device's.
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
            .ToDictionary(Instrumenter.MethodName, WithoutLockTakenFlags);
    }

    /// <summary>The method's opcodes, without the lockTaken flag of .NET's lock pattern: its initialisation, its address and its test.</summary>
    private static List<string> WithoutLockTakenFlags(MethodDefinition method)
    {
        var instructions = method.Body.Instructions;
        var flags = new HashSet<int>();
        foreach (var instruction in instructions)
        {
            if (instruction.OpCode.Code == Code.Call && instruction.Operand is MethodReference { Name: "Enter", DeclaringType.FullName: "System.Threading.Monitor", Parameters.Count: 2 }
                && instruction.Previous?.Operand is VariableDefinition flag
                && instruction.Previous.OpCode.Code is Code.Ldloca or Code.Ldloca_S)
                flags.Add(flag.Index);
        }

        var codes = new List<string>();
        for (int i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            var next = i + 1 < instructions.Count ? instructions[i + 1] : null;
            if (instruction.OpCode.Code is Code.Ldloca or Code.Ldloca_S && flags.Contains(((VariableDefinition)instruction.Operand).Index))
                continue;
            if (instruction.OpCode.Code == Code.Ldc_I4_0 && next != null && StoredLocal(next) is int stored && flags.Contains(stored))
            {
                i++;
                continue;
            }

            if (LoadedLocal(instruction) is int loaded && flags.Contains(loaded) && next?.OpCode.Code is Code.Brfalse or Code.Brfalse_S)
            {
                i++;
                continue;
            }

            // Locals numbered after a flag shift down by one without it: compared by their new number.
            if (LoadedLocal(instruction) is int load)
                codes.Add("ldloc " + Renumbered(load, flags));
            else if (StoredLocal(instruction) is int store)
                codes.Add("stloc " + Renumbered(store, flags));
            else if (instruction.OpCode.Code is Code.Ldloca or Code.Ldloca_S)
                codes.Add("ldloca " + Renumbered(((VariableDefinition)instruction.Operand).Index, flags));
            else
                codes.Add(instruction.OpCode.Name);
        }

        return codes;
    }

    private static int Renumbered(int local, HashSet<int> flags) => local - flags.Count(flag => flag < local);

    private static int? StoredLocal(Instruction instruction) => Local(instruction, Code.Stloc_0, Code.Stloc_S, Code.Stloc);

    private static int? LoadedLocal(Instruction instruction) => Local(instruction, Code.Ldloc_0, Code.Ldloc_S, Code.Ldloc);

    /// <summary>The local an ldloc or stloc instruction names, in any of its forms (zero is the form for local 0; 1-3 follow it); null for anything else.</summary>
    private static int? Local(Instruction instruction, Code zero, Code shortForm, Code longForm)
    {
        var code = instruction.OpCode.Code;
        if (code == shortForm || code == longForm)
            return ((VariableDefinition)instruction.Operand).Index;
        int index = code - zero;
        return index is >= 0 and <= 3 ? index : null;
    }
}
