using nanoFramework.BMS.Benchmark;

namespace nanoFramework.BMS.IlCounter;

/// <summary>Instruments the firmware this tool was built with and measures every standard profile.</summary>
public static class CycleCostTool
{
    public const string FirmwareAssemblyName = "nanoFramework.BMS.Firmware";

    /// <summary>The host build of the firmware beside the workload: the one the simulator and the tests run.</summary>
    public static string FirmwarePath =>
        Path.Combine(Path.GetDirectoryName(typeof(SyntheticPack).Assembly.Location)!, FirmwareAssemblyName + ".dll");

    public static List<CycleCost> MeasureStandardProfiles()
    {
        var firmware = Instrumenter.Instrument(FirmwarePath);
        return MeasuredProfile.Standard.Select(profile => Measure(firmware, profile)).ToList();
    }

    /// <summary>Measurements of a profile while some allocation is seen, at most this many.</summary>
    public const int AllocationRuns = 3;

    /// <summary>
    /// One profile's cost. The instruction counts are deterministic; the allocated bytes come
    /// from GC.GetAllocatedBytesForCurrentThread, which a garbage collection started by another
    /// thread between its two readings can throw off by a few KB (dotnet/coreclr#10207; seen
    /// here about once in ten runs of the test project beside another one). So a run that saw an
    /// allocation is repeated, and the run with the fewest bytes counts: the firmware's own
    /// allocations come back in every run of the same inputs, a collection's noise does not.
    /// </summary>
    public static CycleCost Measure(InstrumentedFirmware firmware, MeasuredProfile profile)
    {
        CycleCost cost = CycleMeter.Measure(firmware, profile);
        for (int run = 1; run < AllocationRuns && cost.AllocatedBytes > 0; run++)
        {
            CycleCost again = CycleMeter.Measure(firmware, profile);
            if (again.AllocatedBytes < cost.AllocatedBytes)
                cost = again;
        }

        return cost;
    }
}
