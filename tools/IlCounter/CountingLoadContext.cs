using System.Reflection;
using System.Runtime.Loader;

namespace nanoFramework.BMS.IlCounter;

/// <summary>
/// A load context of its own where the firmware's name resolves to the instrumented image, so the
/// workload assembly, loaded here from its file unchanged, runs against the counting firmware while
/// the rest of the process keeps the original. Everything else comes from the default context.
/// </summary>
public sealed class CountingLoadContext : AssemblyLoadContext
{
    private readonly string _firmwareName;
    private readonly Assembly _firmware;

    public CountingLoadContext(InstrumentedFirmware firmware)
        : base("il-counter", isCollectible: true)
    {
        _firmwareName = firmware.AssemblyName;
        _firmware = LoadFromStream(new MemoryStream(firmware.Image));
    }

    public Assembly Firmware => _firmware;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == _firmwareName ? _firmware : null;
}
