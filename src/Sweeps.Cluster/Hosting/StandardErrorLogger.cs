using Akka.Event;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Akka's fallback logger, used before Serilog starts and after it stops (the last shutdown lines): it writes to
/// standard error, so standard output carries only what a command was asked for. Only warnings and errors: Akka
/// ignores stdout-loglevel on this path, and its shutdown chatter is noise.
/// </summary>
public sealed class StandardErrorLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is LogEvent logEvent && logEvent.LogLevel() >= LogLevel.WarningLevel) Console.Error.WriteLine(logEvent.ToString());
    }
}
