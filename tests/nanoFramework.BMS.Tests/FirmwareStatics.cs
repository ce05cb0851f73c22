using System.Runtime.CompilerServices;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// The firmware's static tables (NTC segments, SHA-256 constants, name tables) are built at
/// their first use, once per process. The tests share one process, so without this an
/// allocation test's measured window could be the one that happens to touch a table first,
/// depending on which tests ran before it, and count building it as the cycle's allocation.
/// A device builds each table once, at its first use; what the tests guard is the steady state.
/// </summary>
internal static class FirmwareStatics
{
#pragma warning disable CA2255 // A test assembly's own set-up, not a library's.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void BuildAll()
    {
        foreach (Type type in typeof(PackController).Assembly.GetTypes())
        {
            if (!type.ContainsGenericParameters)
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }
    }
}
