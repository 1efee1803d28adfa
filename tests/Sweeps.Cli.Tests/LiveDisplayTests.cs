using System.Diagnostics;
using System.Text.RegularExpressions;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>sweeps run</c> on a real terminal (a tmux pane): the live table owns the terminal, log lines appear above it
/// and never through it, and progress is shown as a number as well as a bar.
/// </summary>
public sealed partial class LiveDisplayTests
{
    [Fact]
    public void Log_lines_appear_above_the_live_table_and_never_through_it()
    {
        var folder = TestStores.NewFolder();
        var spec = Files.Write(folder, "live.yaml", """
            name: live
            job: noop
            sampler: grid
            seed: 1
            replicates: 40
            parameters:
              sleep_ms: [5, 10]
              fail: [false, true]
            """);
        var socket = "sweeps-" + Guid.NewGuid().ToString("N")[..8];
        var sweeps = Path.Combine(AppContext.BaseDirectory, "sweeps");
        var done = Path.Combine(folder, "exit-code");
        try
        {
            Tmux(socket, "new-session", "-d", "-s", "run", "-x", "110", "-y", "60",
                $"cd '{folder}' && '{sweeps}' run live.yaml --workers 2; echo $? > exit-code.tmp && mv exit-code.tmp exit-code; sleep 3600");
            while (!File.Exists(done)) Thread.Sleep(100); // waiting for the run to end, however long a loaded machine takes

            var screen = Tmux(socket, "capture-pane", "-p", "-t", "run", "-S", "-200").Split('\n');
            var everything = string.Join('\n', screen);
            Assert.Equal("1", File.ReadAllText(done).Trim()); // half the trials fail on purpose

            var logLines = screen.Select((line, at) => (line, at)).Where(l => LogLine().IsMatch(l.line)).ToList();
            Assert.Contains(logLines, l => l.line.Contains("Sweep live submitted"));
            Assert.All(logLines, l => Assert.False(Residue().IsMatch(l.line.TrimEnd()), $"a log line with the table drawn through it: '{l.line}'\n{everything}"));
            var headers = screen.Select((line, at) => (line, at)).Where(l => l.line.Contains("│ sweep │")).ToList();
            var header = Assert.Single(headers);
            Assert.True(logLines.All(l => l.at < header.at), $"log lines below the table:\n{everything}");
            Assert.Contains("100%", everything);
            Assert.DoesNotContain("…", everything); // no header or value cut to an ellipsis
        }
        finally
        {
            try { Tmux(socket, "kill-server"); } catch (InvalidOperationException) { } // already gone
        }
    }

    private static string Tmux(string socket, params string[] args)
    {
        var start = new ProcessStartInfo("tmux", ["-L", socket, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {errors.Result}");
        return output;
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d (INF|WRN|ERR) ")]
    private static partial Regex LogLine();

    /// <summary>Text, a wide gap, then more text: what is left when the table is drawn over a shorter log line.</summary>
    [GeneratedRegex(@"\S {6,}\S")]
    private static partial Regex Residue();
}
