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
        return MeasuredProfile.Standard.Select(profile => CycleMeter.Measure(firmware, profile)).ToList();
    }
}
