using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sweeps.Lstm;

/// <summary>
/// The processor time the calling thread has used, in nanoseconds: what a benchmark on a shared machine can compare, since other
/// processes' load stretches the wall clock but not this. Linux's CLOCK_THREAD_CPUTIME_ID; elsewhere the wall clock.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    /// <summary>True when <see cref="Nanoseconds"/> is the thread's processor time, false when it falls back to the wall clock.</summary>
    public static bool IsThreadTime { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static long Nanoseconds()
    {
        if (IsThreadTime && TryRead(out var nanoseconds)) return nanoseconds;
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    private static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        try
        {
            if (ClockGetTime(ThreadCpuTimeId, out var time) != 0) return false;
            nanoseconds = time.Seconds * 1_000_000_000 + time.Nanoseconds;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
