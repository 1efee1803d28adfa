using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Spectre.Console;

namespace Sweeps.Cli.Output;

/// <summary>
/// Log lines to standard error, except while a live display owns the terminal: then they wait in a queue, and the
/// display's own thread prints them above the live table (<see cref="WriteWaitingLines"/>) instead of through it.
/// Spectre's live display is not safe to write to from a second thread (its two locks deadlock), hence the queue.
/// </summary>
internal sealed class TerminalLogSink(ITextFormatter formatter) : ILogEventSink
{
    private static readonly ConcurrentQueue<string> Waiting = new();
    private static int _liveDisplays;

    /// <summary>Holds log lines for the live display until disposed; only when standard error is the same terminal.</summary>
    public static IDisposable LiveDisplay()
    {
        if (Console.IsErrorRedirected) return new Ended(false);
        Interlocked.Increment(ref _liveDisplays);
        return new Ended(true);
    }

    /// <summary>Prints the waiting log lines through the console that draws the live display, from the thread that updates it.</summary>
    public static void WriteWaitingLines(IAnsiConsole console)
    {
        while (Waiting.TryDequeue(out var line)) console.Write(new Text(PaddedToWidth(line, console.Profile.Width)));
    }

    public void Emit(LogEvent logEvent)
    {
        var line = new StringWriter();
        formatter.Format(logEvent, line);
        if (Volatile.Read(ref _liveDisplays) > 0) Waiting.Enqueue(line.ToString());
        else Console.Error.Write(line.ToString());
    }

    /// <summary>Each line padded to the terminal's width: the live display does not clear what it moves up over.</summary>
    private static string PaddedToWidth(string text, int width) =>
        string.Join('\n', text.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r').PadRight(Math.Max(1, width - 1))));

    private sealed class Ended(bool counted) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (!counted || Interlocked.Exchange(ref _done, 1) == 1) return;
            Interlocked.Decrement(ref _liveDisplays);
            while (Waiting.TryDequeue(out var line)) Console.Error.Write(line); // logged after the display's last update
        }
    }
}
