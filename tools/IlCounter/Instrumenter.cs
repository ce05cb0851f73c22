using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// Rewrites a copy of the firmware assembly so it counts what it executes. Before every IL
/// instruction (a prefix such as <c>constrained.</c> travels with the instruction it modifies)
/// it adds one to the running total and to the method's own count; on entry it counts a call and
/// remembers the total, and before every <c>ret</c> it adds the difference to the method's
/// inclusive count. Calls that leave the firmware (port interfaces, mscorlib) are counted per
/// target. Every branch, switch and exception-handler boundary that pointed at an instruction is
/// moved to the counting code in front of it, so a jump executes that code too: the counts are
/// of instructions actually executed, per instruction, not per method or per block.
/// The counters are static long arrays that the counter owns, so counting allocates nothing.
/// </summary>
public static class Instrumenter
{
    public const string ProbeNamespace = "nanoFramework.BMS.IlCounting";
    public const string ProbeName = "Probe";

    /// <summary>Instructions executed so far, in element 0.</summary>
    public const string TotalField = "Total";

    /// <summary>Per method: instructions executed in that method's own body.</summary>
    public const string SelfField = "Self";

    /// <summary>Per method: instructions executed from entry to return, callees included.</summary>
    public const string InclusiveField = "Inclusive";

    /// <summary>Per method: times entered.</summary>
    public const string CallsField = "Calls";

    /// <summary>Per call target outside the firmware: call, callvirt or newobj instructions executed.</summary>
    public const string CallsOutField = "CallsOut";

    public static InstrumentedFirmware Instrument(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return Instrument(stream);
    }

    /// <summary>Instruments any assembly image; the tests feed it hand-written IL whose counts are known.</summary>
    public static InstrumentedFirmware Instrument(Stream assemblyImage)
    {
        using var module = ModuleDefinition.ReadModule(assemblyImage, new ReaderParameters { InMemory = true });
        var methods = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();

        var probe = new Probe(module);
        var methodNames = new string[methods.Count];
        var callsOut = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int index = 0; index < methods.Count; index++)
        {
            methodNames[index] = MethodName(methods[index]);
            InstrumentMethod(methods[index], index, probe, callsOut);
        }

        var image = new MemoryStream();
        module.Write(image);
        var callOutNames = new string[callsOut.Count];
        foreach (var (name, index) in callsOut)
            callOutNames[index] = name;
        return new InstrumentedFirmware(module.Assembly.Name.Name, Configuration(module.Assembly), image.ToArray(), methodNames, callOutNames);
    }

    /// <summary>Debug or Release: the compiler emits different IL for each, so every report says which.</summary>
    private static string Configuration(AssemblyDefinition assembly) =>
        assembly.CustomAttributes
            .Where(a => a.AttributeType.FullName == "System.Reflection.AssemblyConfigurationAttribute")
            .Select(a => (string)a.ConstructorArguments[0].Value)
            .FirstOrDefault() ?? "unknown";

    /// <summary>"Type.Method", with the parameter types only where a name is overloaded.</summary>
    public static string MethodName(MethodDefinition method)
    {
        string name = method.DeclaringType.Name + "." + method.Name;
        bool overloaded = method.DeclaringType.Methods.Count(m => m.Name == method.Name) > 1;
        return overloaded ? name + "(" + string.Join(", ", method.Parameters.Select(p => p.ParameterType.Name)) + ")" : name;
    }

    /// <summary>The static counter arrays, in a class added to the instrumented assembly.</summary>
    private sealed class Probe
    {
        public readonly FieldDefinition Total;
        public readonly FieldDefinition Self;
        public readonly FieldDefinition Inclusive;
        public readonly FieldDefinition Calls;
        public readonly FieldDefinition CallsOut;
        public readonly TypeReference Int64;

        public Probe(ModuleDefinition module)
        {
            Int64 = module.TypeSystem.Int64;
            var type = new TypeDefinition(ProbeNamespace, ProbeName,
                TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class,
                module.TypeSystem.Object);
            module.Types.Add(type);
            Total = AddArray(type, TotalField);
            Self = AddArray(type, SelfField);
            Inclusive = AddArray(type, InclusiveField);
            Calls = AddArray(type, CallsField);
            CallsOut = AddArray(type, CallsOutField);
        }

        private FieldDefinition AddArray(TypeDefinition type, string name)
        {
            var field = new FieldDefinition(name, FieldAttributes.Public | FieldAttributes.Static, new ArrayType(Int64));
            type.Fields.Add(field);
            return field;
        }
    }

    private static void InstrumentMethod(MethodDefinition method, int methodIndex, Probe probe, Dictionary<string, int> callsOut)
    {
        MethodBody body = method.Body;
        body.SimplifyMacros();
        var entryTotal = new VariableDefinition(probe.Int64);
        body.Variables.Add(entryTotal);

        ILProcessor il = body.GetILProcessor();
        var original = body.Instructions.ToList();
        var counterOf = new Dictionary<Instruction, Instruction>();

        for (int i = 0; i < original.Count; i++)
        {
            // A unit is one instruction with the prefixes in front of it: nothing may come between them.
            int first = i;
            while (original[i].OpCode.OpCodeType == OpCodeType.Prefix && i + 1 < original.Count)
                i++;
            Instruction head = original[first];
            Instruction main = original[i];
            int count = i - first + 1;

            var code = new List<Instruction>();
            AddTo(code, probe.Total, 0, count, probe.Int64);
            AddTo(code, probe.Self, methodIndex, count, probe.Int64);
            if (CallOutTarget(main) is { } target)
            {
                if (!callsOut.TryGetValue(target, out int targetIndex))
                    callsOut[target] = targetIndex = callsOut.Count;
                AddTo(code, probe.CallsOut, targetIndex, 1, probe.Int64);
            }

            if (main.OpCode.Code == Code.Ret)
                AddInclusive(code, probe, methodIndex, entryTotal);

            foreach (var instruction in code)
                il.InsertBefore(head, instruction);
            counterOf[head] = code[0];
        }

        // Entry: count the call and remember the total. In front of the first counter, which is
        // where a loop at offset 0 jumps back to, so a back edge does not count a call.
        var entry = new List<Instruction>();
        AddTo(entry, probe.Calls, methodIndex, 1, probe.Int64);
        entry.Add(Instruction.Create(OpCodes.Ldsfld, probe.Total));
        entry.Add(Instruction.Create(OpCodes.Ldc_I4_0));
        entry.Add(Instruction.Create(OpCodes.Ldelem_I8));
        entry.Add(Instruction.Create(OpCodes.Stloc, entryTotal));
        Instruction firstCounter = counterOf[original[0]];
        foreach (var instruction in entry)
            il.InsertBefore(firstCounter, instruction);

        Retarget(body, counterOf);
        body.OptimizeMacros();
    }

    /// <summary>Points every branch and handler boundary at the counter in front of its old target.</summary>
    private static void Retarget(MethodBody body, Dictionary<Instruction, Instruction> counterOf)
    {
        Instruction? Map(Instruction? target) =>
            target != null && counterOf.TryGetValue(target, out var counter) ? counter : target;

        foreach (var instruction in body.Instructions)
        {
            if (instruction.Operand is Instruction target)
                instruction.Operand = Map(target);
            else if (instruction.Operand is Instruction[] targets)
                instruction.Operand = targets.Select(t => Map(t)!).ToArray();
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            handler.TryStart = Map(handler.TryStart);
            handler.TryEnd = Map(handler.TryEnd);
            handler.HandlerStart = Map(handler.HandlerStart);
            handler.HandlerEnd = Map(handler.HandlerEnd);
            handler.FilterStart = Map(handler.FilterStart);
        }
    }

    /// <summary>A call into anything without a body here: a port interface, mscorlib, a delegate.</summary>
    private static string? CallOutTarget(Instruction instruction)
    {
        if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Newobj))
            return null;
        var target = (MethodReference)instruction.Operand;
        if (target is MethodDefinition { HasBody: true })
            return null;
        return target.DeclaringType.Name + "." + target.Name;
    }

    /// <summary>array[index] += amount, leaving the evaluation stack as it was.</summary>
    private static void AddTo(List<Instruction> code, FieldDefinition array, int index, int amount, TypeReference int64)
    {
        code.Add(Instruction.Create(OpCodes.Ldsfld, array));
        code.Add(Instruction.Create(OpCodes.Ldc_I4, index));
        code.Add(Instruction.Create(OpCodes.Ldelema, int64));
        code.Add(Instruction.Create(OpCodes.Dup));
        code.Add(Instruction.Create(OpCodes.Ldind_I8));
        code.Add(Instruction.Create(OpCodes.Ldc_I8, (long)amount));
        code.Add(Instruction.Create(OpCodes.Add));
        code.Add(Instruction.Create(OpCodes.Stind_I8));
    }

    /// <summary>Inclusive[method] += Total[0] - entryTotal, just before a return (after the ret itself was counted).</summary>
    private static void AddInclusive(List<Instruction> code, Probe probe, int methodIndex, VariableDefinition entryTotal)
    {
        code.Add(Instruction.Create(OpCodes.Ldsfld, probe.Inclusive));
        code.Add(Instruction.Create(OpCodes.Ldc_I4, methodIndex));
        code.Add(Instruction.Create(OpCodes.Ldelema, probe.Int64));
        code.Add(Instruction.Create(OpCodes.Dup));
        code.Add(Instruction.Create(OpCodes.Ldind_I8));
        code.Add(Instruction.Create(OpCodes.Ldsfld, probe.Total));
        code.Add(Instruction.Create(OpCodes.Ldc_I4_0));
        code.Add(Instruction.Create(OpCodes.Ldelem_I8));
        code.Add(Instruction.Create(OpCodes.Ldloc, entryTotal));
        code.Add(Instruction.Create(OpCodes.Sub));
        code.Add(Instruction.Create(OpCodes.Add));
        code.Add(Instruction.Create(OpCodes.Stind_I8));
    }
}
