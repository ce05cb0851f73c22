using Mono.Cecil;
using Mono.Cecil.Cil;
using nanoFramework.BMS.IlCounter;

namespace nanoFramework.BMS.PerformanceTests;

/// <summary>
/// The counter's exactness, on hand-written IL whose executed instruction counts are worked out
/// by hand: loops (one jumping back to offset 0), a switch, a caught exception, a prefix, a call
/// into another counted method and a call out. If retargeting a branch or a handler were wrong,
/// these counts, or the program itself, would break.
/// </summary>
public class InstrumenterTests
{
    private static readonly Lazy<(ProbeCounters Counters, Type Code, InstrumentedFirmware Firmware)> Sample = new(Load);

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 15)]
    [InlineData(10, 78)]
    public void ALoopCountsEveryIterationAndTheFinalFailedTest(int n, long expected)
    {
        // ldc.i4.0 stloc br (3) + n * (ldloc ldc add stloc) + (n + 1) * (ldloc ldarg blt) + ldloc ret (2)
        Assert.Equal(expected, Run("Loop", n));
        Assert.Equal(7 * n + 8, expected);
    }

    [Fact]
    public void ABranchBackToTheFirstInstructionIsNotAnotherCall()
    {
        long callsBefore = CallsOf("CountDown");
        // Three passes of 7 instructions, the last falling through to ldc ret.
        Assert.Equal(23, Run("CountDown", 3));
        Assert.Equal(1, CallsOf("CountDown") - callsBefore);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 6)]
    [InlineData(7, 5)]
    public void ASwitchCountsOnlyTheCaseTaken(int k, long expected)
    {
        Assert.Equal(expected, Run("Pick", k));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(0, 9)]
    public void AnInstructionThatThrowsCountsAndSoDoesTheHandler(int divisor, long expected)
    {
        // No throw: ldc ldarg div pop leave + ldc ret. Throw: ldc ldarg div, then pop ldc pop leave, then ldc ret.
        Assert.Equal(expected, Run("Guarded", divisor));
    }

    [Fact]
    public void APrefixCountsWithItsInstruction()
    {
        Assert.Equal(3, Run("Prefixed"));
    }

    [Fact]
    public void CalleesCountInTheCallersInclusiveCountAndCallsOutAreCounted()
    {
        var (counters, _, firmware) = Sample.Value;
        int outer = Array.IndexOf(firmware.Methods, "Code.Outer");
        int loop = Array.IndexOf(firmware.Methods, "Code.Loop");
        int abs = Array.IndexOf(firmware.CallOutTargets, "Math.Abs");
        long selfBefore = counters.Self[outer];
        long inclusiveBefore = counters.Inclusive[outer];
        long loopBefore = counters.Self[loop];
        long absBefore = counters.CallsOut[abs];

        // ldc call ldc call add ret (6) around Loop(3) (29).
        Assert.Equal(35, Run("Outer"));
        Assert.Equal(6, counters.Self[outer] - selfBefore);
        Assert.Equal(35, counters.Inclusive[outer] - inclusiveBefore);
        Assert.Equal(29, counters.Self[loop] - loopBefore);
        Assert.Equal(1, counters.CallsOut[abs] - absBefore);
    }

    [Fact]
    public void TheInstrumentedCodeStillComputesTheSameResults()
    {
        var code = Sample.Value.Code;
        Assert.Equal(10, code.GetMethod("Loop")!.Invoke(null, [10]));
        Assert.Equal(11, code.GetMethod("Pick")!.Invoke(null, [1]));
        Assert.Equal(1, code.GetMethod("Guarded")!.Invoke(null, [0]));
        Assert.Equal(4, code.GetMethod("Outer")!.Invoke(null, null));
    }

    private static long Run(string method, params object[] args)
    {
        var (counters, code, _) = Sample.Value;
        lock (counters)
        {
            long before = counters.Total[0];
            code.GetMethod(method)!.Invoke(null, args);
            return counters.Total[0] - before;
        }
    }

    private static long CallsOf(string method)
    {
        var (counters, _, firmware) = Sample.Value;
        return counters.Calls[Array.IndexOf(firmware.Methods, "Code." + method)];
    }

    private static (ProbeCounters, Type, InstrumentedFirmware) Load()
    {
        var image = new MemoryStream();
        BuildSampleAssembly().Write(image);
        image.Position = 0;
        var firmware = Instrumenter.Instrument(image);
        var context = new CountingLoadContext(firmware);
        var counters = new ProbeCounters(context.Firmware, firmware);
        return (counters, context.Firmware.GetType("Sample.Code", throwOnError: true)!, firmware);
    }

    private static AssemblyDefinition BuildSampleAssembly()
    {
        var assembly = AssemblyDefinition.CreateAssembly(new AssemblyNameDefinition("CountingSample", new Version(1, 0)), "CountingSample", ModuleKind.Dll);
        var module = assembly.MainModule;
        var int32 = module.TypeSystem.Int32;
        var type = new TypeDefinition("Sample", "Code", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class, module.TypeSystem.Object);
        module.Types.Add(type);
        var field = new FieldDefinition("Field", FieldAttributes.Public | FieldAttributes.Static, int32);
        type.Fields.Add(field);

        MethodDefinition Method(string name, params TypeReference[] parameters)
        {
            var method = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.Static, int32);
            foreach (var parameter in parameters)
                method.Parameters.Add(new ParameterDefinition(parameter));
            type.Methods.Add(method);
            return method;
        }

        // int Loop(int n) { int i = 0; while (i < n) i++; return i; }
        var loop = Method("Loop", int32);
        loop.Body.Variables.Add(new VariableDefinition(int32));
        {
            var il = loop.Body.GetILProcessor();
            var body = il.Create(OpCodes.Ldloc_0);
            var condition = il.Create(OpCodes.Ldloc_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Br, condition);
            il.Append(body);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc_0);
            il.Append(condition);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Blt, body);
            il.Emit(OpCodes.Ldloc_0);
            il.Emit(OpCodes.Ret);
        }

        // int CountDown(int n) { do n--; while (n > 0); return 7; } -- the loop starts at offset 0.
        var countDown = Method("CountDown", int32);
        {
            var il = countDown.Body.GetILProcessor();
            var top = il.Create(OpCodes.Ldarg_0);
            il.Append(top);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Starg_S, countDown.Parameters[0]);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Bgt, top);
            il.Emit(OpCodes.Ldc_I4_7);
            il.Emit(OpCodes.Ret);
        }

        // int Pick(int k) { switch (k) { case 0: return 10; case 1: return 5 + 6; default: return -1; } }
        var pick = Method("Pick", int32);
        {
            var il = pick.Body.GetILProcessor();
            var case0 = il.Create(OpCodes.Ldc_I4_S, (sbyte)10);
            var case1 = il.Create(OpCodes.Ldc_I4_5);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Switch, new[] { case0, case1 });
            il.Emit(OpCodes.Ldc_I4_M1);
            il.Emit(OpCodes.Nop);
            il.Emit(OpCodes.Ret);
            il.Append(case0);
            il.Emit(OpCodes.Ret);
            il.Append(case1);
            il.Emit(OpCodes.Ldc_I4_6);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret);
        }

        // int Guarded(int d) { try { _ = 1 / d; } catch (Exception) { _ = 2; } return 1; }
        var guarded = Method("Guarded", int32);
        {
            var il = guarded.Body.GetILProcessor();
            var end = il.Create(OpCodes.Ldc_I4_1);
            var tryStart = il.Create(OpCodes.Ldc_I4_1);
            var handlerStart = il.Create(OpCodes.Pop);
            il.Append(tryStart);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Div);
            il.Emit(OpCodes.Pop);
            il.Emit(OpCodes.Leave, end);
            il.Append(handlerStart);
            il.Emit(OpCodes.Ldc_I4_2);
            il.Emit(OpCodes.Pop);
            il.Emit(OpCodes.Leave, end);
            il.Append(end);
            il.Emit(OpCodes.Ret);
            guarded.Body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
            {
                TryStart = tryStart,
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = end,
                CatchType = module.ImportReference(typeof(Exception)),
            });
        }

        // int Prefixed() { return Volatile.Read(ref Field); } as volatile. ldsfld
        var prefixed = Method("Prefixed");
        {
            var il = prefixed.Body.GetILProcessor();
            il.Emit(OpCodes.Volatile);
            il.Emit(OpCodes.Ldsfld, field);
            il.Emit(OpCodes.Ret);
        }

        // int Outer() { return Loop(3) + Math.Abs(-1); }
        var outer = Method("Outer");
        {
            var il = outer.Body.GetILProcessor();
            il.Emit(OpCodes.Ldc_I4_3);
            il.Emit(OpCodes.Call, loop);
            il.Emit(OpCodes.Ldc_I4_M1);
            il.Emit(OpCodes.Call, module.ImportReference(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(int)])));
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret);
        }

        return assembly;
    }
}
