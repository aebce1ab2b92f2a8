using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lifecycle.Benchmarks;

/// <summary>
/// CPU time used by the whole process (all threads). On Linux it reads CLOCK_PROCESS_CPUTIME_ID, precise to the
/// nanosecond; <see cref="Process.TotalProcessorTime"/> counts in 10 ms ticks there, coarser than the operations measured.
/// </summary>
public static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out var time) == 0)
        {
            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
