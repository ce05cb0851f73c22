using System.Diagnostics;
using System.Runtime.InteropServices;

namespace nanoFramework.BMS.Sim.Bench;

/// <summary>
/// CPU time consumed by the calling thread. On a shared machine wall time also counts the
/// time other processes held the core; the thread's own CPU time is what "on one core" means.
/// Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID). Elsewhere: the process's processor time.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
            return time.Seconds + time.Nanoseconds / 1e9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }
}
