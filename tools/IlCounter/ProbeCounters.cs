using System.Reflection;

namespace nanoFramework.BMS.IlCounter;

/// <summary>The probe's arrays, owned here and handed to the instrumented assembly before it runs.</summary>
public sealed class ProbeCounters
{
    public readonly long[] Total = new long[1];
    public readonly long[] Self;
    public readonly long[] Inclusive;
    public readonly long[] Calls;
    public readonly long[] CallsOut;

    public ProbeCounters(Assembly instrumented, InstrumentedFirmware firmware)
    {
        Self = new long[firmware.Methods.Length];
        Inclusive = new long[firmware.Methods.Length];
        Calls = new long[firmware.Methods.Length];
        CallsOut = new long[firmware.CallOutTargets.Length];
        var probe = instrumented.GetType(Instrumenter.ProbeNamespace + "." + Instrumenter.ProbeName, throwOnError: true)!;
        probe.GetField(Instrumenter.TotalField)!.SetValue(null, Total);
        probe.GetField(Instrumenter.SelfField)!.SetValue(null, Self);
        probe.GetField(Instrumenter.InclusiveField)!.SetValue(null, Inclusive);
        probe.GetField(Instrumenter.CallsField)!.SetValue(null, Calls);
        probe.GetField(Instrumenter.CallsOutField)!.SetValue(null, CallsOut);
    }
}
