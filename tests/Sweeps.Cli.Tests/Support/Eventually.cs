using System.Diagnostics;

namespace Sweeps.Cli.Tests.Support;

/// <summary>
/// Waits for a state by polling. It gives up only when what it reads has stopped changing for a while (the system is
/// stuck), never after a fixed time: a loaded machine that is slow but still making progress is waited for.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <param name="progress">What counts as a change (a count, the members of a set); the wait restarts on each.</param>
    /// <param name="stalledFor">How long nothing may change before the wait fails.</param>
    /// <param name="what">What is waited for, and the logs to show, when it fails.</param>
    public static T Until<T>(Func<T> read, Func<T, bool> done, Func<T, string> progress, TimeSpan stalledFor, Func<string> what)
    {
        var value = read();
        var seen = progress(value);
        var unchanged = Stopwatch.StartNew();
        while (!done(value))
        {
            Assert.True(unchanged.Elapsed < stalledFor, $"nothing changed for {stalledFor} (last seen: {seen}) while waiting for {what()}");
            Thread.Sleep(Poll);
            value = read();
            var now = progress(value);
            if (now == seen) continue;
            seen = now;
            unchanged.Restart();
        }
        return value;
    }
}
