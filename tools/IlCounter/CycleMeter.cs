using System.Reflection;
using nanoFramework.BMS.Benchmark;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// Runs the synthetic pack against the instrumented firmware, one control cycle at a time in
/// virtual time, and turns the counter deltas of each cycle into a CycleCost. On the MQTT board
/// each cycle is followed by the uplink thread's passes due by then, each counted on its own. The
/// inputs are fixed patterns, so the same firmware build always gives the same counts.
/// </summary>
public static class CycleMeter
{
    public const int WarmUpSeconds = 3;
    public const int MeasuredSeconds = 20;

    public static CycleCost Measure(InstrumentedFirmware firmware, MeasuredProfile profile)
    {
        int onceASecond = Array.IndexOf(firmware.Methods, profile.OnceASecondMethod);
        if (onceASecond < 0)
            throw new InvalidOperationException($"{profile.OnceASecondMethod} not found: the counter must be told where the once-per-second work now starts");

        var context = new CountingLoadContext(firmware);
        try
        {
            var counters = new ProbeCounters(context.Firmware, firmware);
            var driver = context.LoadFromAssemblyPath(typeof(SyntheticPack).Assembly.Location);
            var run = new CountedPack(driver, profile);

            int warmUpCycles = WarmUpSeconds * profile.SampleRateHz;
            int measuredCycles = MeasuredSeconds * profile.SampleRateHz;
            for (int i = 0; i < warmUpCycles; i++)
            {
                run.RunCycle();
                while (run.RunUplinkPass())
                {
                }
            }

            var result = MeasureCycles(run, counters, onceASecond, measuredCycles);
            if (run.LatchedFaults() != 0)
                throw new InvalidOperationException("a fault latched on the synthetic pack: the steady state must be fault-free");
            CheckBehaviourUnchanged(profile, warmUpCycles + measuredCycles, run.Checksum());

            return result.ToCost(profile, warmUpCycles, run.UplinkPassMs, firmware);
        }
        finally
        {
            context.Unload();
        }
    }

    private static Accumulated MeasureCycles(CountedPack run, ProbeCounters counters, int onceASecond, int cycles)
    {
        var steady = new Accumulator(counters);
        var telemetry = new Accumulator(counters);
        var publishPasses = new Accumulator(counters);
        var idlePasses = new Accumulator(counters);
        var before = new Snapshot(counters);
        var after = new Snapshot(counters);
        var control = new List<long>(cycles);
        var encode = new List<long>();

        for (int cycle = 0; cycle < cycles; cycle++)
        {
            before.Take(counters);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            run.RunCycle();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            after.Take(counters);

            bool telemetryCycle = after.Calls[onceASecond] != before.Calls[onceASecond];
            long encodeInstructions = after.Inclusive[onceASecond] - before.Inclusive[onceASecond];
            control.Add(after.Total - before.Total - encodeInstructions);
            if (telemetryCycle)
                encode.Add(encodeInstructions);
            (telemetryCycle ? telemetry : steady).Add(before, after, allocated);

            // The uplink thread's passes due by now (none on the board with the local uplink).
            while (true)
            {
                int messagesBefore = run.TelemetryMessages();
                before.Take(counters);
                allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                if (!run.RunUplinkPass())
                    break;
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                after.Take(counters);
                (run.TelemetryMessages() != messagesBefore ? publishPasses : idlePasses).Add(before, after, allocated);
            }
        }

        return new Accumulated(steady, telemetry, publishPasses, idlePasses, control, encode, run.IsMqtt);
    }

    /// <summary>The counting must not change what the firmware does: same outputs, byte for byte.</summary>
    private static void CheckBehaviourUnchanged(MeasuredProfile profile, int cycles, uint instrumentedChecksum)
    {
        var plain = profile.Mqtt == null
            ? new SyntheticPack(profile.Cells, profile.Thermistors, profile.SampleRateHz)
            : new SyntheticPack(profile.Cells, profile.Thermistors, profile.SampleRateHz, profile.Mqtt.Format, profile.Mqtt.Mode);
        plain.Run(cycles);
        if (plain.Checksum.Value != instrumentedChecksum)
            throw new InvalidOperationException($"the instrumented firmware's outputs differ from the original's ({instrumentedChecksum:X8} vs {plain.Checksum.Value:X8})");
    }

    /// <summary>A copy of every counter at one instant; taking one allocates nothing.</summary>
    internal sealed class Snapshot(ProbeCounters counters)
    {
        public long Total;
        public readonly long[] Self = new long[counters.Self.Length];
        public readonly long[] Inclusive = new long[counters.Inclusive.Length];
        public readonly long[] Calls = new long[counters.Calls.Length];
        public readonly long[] CallsOut = new long[counters.CallsOut.Length];

        public void Take(ProbeCounters counters)
        {
            Total = counters.Total[0];
            counters.Self.CopyTo(Self, 0);
            counters.Inclusive.CopyTo(Inclusive, 0);
            counters.Calls.CopyTo(Calls, 0);
            counters.CallsOut.CopyTo(CallsOut, 0);
        }
    }

    /// <summary>Per-cycle (or per-pass) totals and per-method sums over one kind of cycle.</summary>
    internal sealed class Accumulator(ProbeCounters counters)
    {
        public readonly List<long> Instructions = [];
        public readonly List<long> Calls = [];
        public readonly List<long> CallsOut = [];
        public long AllocatedBytes;
        public readonly long[] Self = new long[counters.Self.Length];
        public readonly long[] Inclusive = new long[counters.Inclusive.Length];
        public readonly long[] MethodCalls = new long[counters.Calls.Length];
        public readonly long[] TargetCalls = new long[counters.CallsOut.Length];

        public int Cycles => Instructions.Count;

        public void Add(Snapshot before, Snapshot after, long allocatedBytes)
        {
            Instructions.Add(after.Total - before.Total);
            Calls.Add(Delta(before.Calls, after.Calls, MethodCalls));
            CallsOut.Add(Delta(before.CallsOut, after.CallsOut, TargetCalls));
            Delta(before.Self, after.Self, Self);
            Delta(before.Inclusive, after.Inclusive, Inclusive);
            AllocatedBytes += allocatedBytes;
        }

        private static long Delta(long[] before, long[] after, long[] sums)
        {
            long total = 0;
            for (int i = 0; i < sums.Length; i++)
            {
                long delta = after[i] - before[i];
                sums[i] += delta;
                total += delta;
            }

            return total;
        }

        public List<MethodCost> Methods(InstrumentedFirmware firmware) =>
            Enumerable.Range(0, Self.Length)
                .Where(i => MethodCalls[i] > 0)
                .Select(i => new MethodCost(firmware.Methods[i], (double)MethodCalls[i] / Cycles, (double)Self[i] / Cycles, (double)Inclusive[i] / MethodCalls[i]))
                .OrderByDescending(m => m.SelfPerCycle)
                .ThenBy(m => m.Method, StringComparer.Ordinal)
                .ToList();

        public List<CallOutCost> Targets(InstrumentedFirmware firmware) =>
            Enumerable.Range(0, TargetCalls.Length)
                .Where(i => TargetCalls[i] > 0)
                .Select(i => new CallOutCost(firmware.CallOutTargets[i], (double)TargetCalls[i] / Cycles))
                .OrderByDescending(t => t.PerCycle)
                .ThenBy(t => t.Target, StringComparer.Ordinal)
                .ToList();
    }

    internal sealed record Accumulated(
        Accumulator Steady, Accumulator Telemetry, Accumulator PublishPasses, Accumulator IdlePasses,
        List<long> Control, List<long> Encode, bool Mqtt)
    {
        public CycleCost ToCost(MeasuredProfile profile, int warmUpCycles, int uplinkPassMs, InstrumentedFirmware firmware)
        {
            int measured = Steady.Cycles + Telemetry.Cycles;
            long cycleInstructions = Steady.Instructions.Sum() + Telemetry.Instructions.Sum();
            long passInstructions = PublishPasses.Instructions.Sum() + IdlePasses.Instructions.Sum();
            UplinkCost? uplink = null;
            var publish = Encode;
            if (Mqtt)
            {
                // Every message the cycle encoded went out in the next pass: the k-th encoding and
                // the k-th publishing pass are the same message.
                if (PublishPasses.Cycles != Encode.Count)
                    throw new InvalidOperationException($"{Encode.Count} telemetry messages encoded but {PublishPasses.Cycles} uplink passes published one");
                publish = Encode.Zip(PublishPasses.Instructions, (e, p) => e + p).ToList();
                uplink = new UplinkCost(
                    uplinkPassMs, PublishPasses.Cycles + IdlePasses.Cycles, PublishPasses.Cycles,
                    Stat.Of(PublishPasses.Instructions), Stat.Of(IdlePasses.Instructions),
                    PublishPasses.AllocatedBytes + IdlePasses.AllocatedBytes,
                    (double)passInstructions * profile.SampleRateHz / measured,
                    PublishPasses.Methods(firmware));
            }

            return new CycleCost(
                profile, firmware.Configuration, warmUpCycles, measured, Steady.Cycles, Telemetry.Cycles,
                Stat.Of(Steady.Instructions), Stat.Of(Steady.Calls), Stat.Of(Steady.CallsOut), Steady.AllocatedBytes,
                Stat.Of(Control), Stat.Of(Encode), Stat.Of(Telemetry.Instructions), Telemetry.AllocatedBytes,
                uplink, Stat.Of(publish),
                (double)(cycleInstructions + passInstructions) / measured,
                Steady.Methods(firmware), Telemetry.Methods(firmware), Steady.Targets(firmware));
        }
    }

    /// <summary>The synthetic pack inside the counting context, reached through delegates that allocate nothing per call.</summary>
    private sealed class CountedPack
    {
        public readonly Action RunCycle;
        public readonly Func<bool> RunUplinkPass;
        public readonly Func<int> TelemetryMessages;
        public readonly Func<int> LatchedFaults;
        public readonly bool IsMqtt;
        public readonly int UplinkPassMs;
        private readonly object _pack;
        private readonly Type _type;

        public CountedPack(Assembly driver, MeasuredProfile profile)
        {
            _type = driver.GetType(typeof(SyntheticPack).FullName!, throwOnError: true)!;
            if (profile.Mqtt == null)
            {
                _pack = Activator.CreateInstance(_type, profile.Cells, profile.Thermistors, profile.SampleRateHz)!;
            }
            else
            {
                // The enums are the counting context's own types: converted by value.
                var constructor = _type.GetConstructors().Single(c => c.GetParameters().Length == 5);
                var parameters = constructor.GetParameters();
                _pack = constructor.Invoke([
                    profile.Cells, profile.Thermistors, profile.SampleRateHz,
                    Enum.ToObject(parameters[3].ParameterType, (int)profile.Mqtt.Format),
                    Enum.ToObject(parameters[4].ParameterType, (int)profile.Mqtt.Mode)]);
            }

            IsMqtt = profile.Mqtt != null;
            UplinkPassMs = (int)_type.GetField(nameof(SyntheticPack.UplinkPassMs))!.GetValue(_pack)!;
            RunCycle = _type.GetMethod(nameof(SyntheticPack.RunCycle), Type.EmptyTypes)!.CreateDelegate<Action>(_pack);
            RunUplinkPass = _type.GetMethod(nameof(SyntheticPack.RunUplinkPass), Type.EmptyTypes)!.CreateDelegate<Func<bool>>(_pack);
            TelemetryMessages = _type.GetProperty(nameof(SyntheticPack.TelemetryMessages))!.GetMethod!.CreateDelegate<Func<int>>(_pack);
            LatchedFaults = _type.GetProperty(nameof(SyntheticPack.LatchedFaults))!.GetMethod!.CreateDelegate<Func<int>>(_pack);
        }

        public uint Checksum()
        {
            object checksum = _type.GetField(nameof(SyntheticPack.Checksum))!.GetValue(_pack)!;
            return (uint)checksum.GetType().GetField(nameof(OutputChecksum.Value))!.GetValue(checksum)!;
        }
    }
}
