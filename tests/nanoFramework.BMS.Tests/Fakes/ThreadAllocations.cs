namespace nanoFramework.BMS.Tests.Fakes;

/// <summary>
/// Bytes this thread allocates while running some firmware work. GC.GetAllocatedBytesForCurrentThread
/// can be thrown off by a few KB when another thread's allocations start a collection between its
/// two readings (dotnet/coreclr#10207; seen here when the test assemblies run in parallel), so a
/// measurement that sees an allocation is taken again, with the same work, and the fewest bytes
/// count: an allocation of the firmware's comes back every time the same work runs.
/// </summary>
public static class ThreadAllocations
{
    public const int Attempts = 3;

    /// <summary>prepare, if given, runs before each attempt, outside the measurement (the test's own allocations).</summary>
    public static long Fewest(Action work, Action? prepare = null)
    {
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && fewest > 0; attempt++)
        {
            prepare?.Invoke();
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            fewest = Math.Min(fewest, allocated);
        }

        return fewest;
    }
}
