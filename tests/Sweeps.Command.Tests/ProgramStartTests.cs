using Sweeps.Command.Tests.Support;
using Sweeps.Core.Jobs;

namespace Sweeps.Command.Tests;

/// <summary>How a program is started (posix_spawn, no shell in between): its group, its environment, its streams.</summary>
[Collection(RealProcesses.Name)]
public sealed class ProgramStartTests : IDisposable
{
    private readonly Scripts _scripts = new();
    private readonly Trials _trials;

    public ProgramStartTests() => _trials = new Trials(_scripts);

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public void The_program_itself_leads_a_process_group_of_its_own()
    {
        // cat reads its own /proc/self/stat: "pid (comm) state ppid pgrp session ..."; no shell in between.
        var result = _trials.Run(["/bin/cat", "/proc/self/stat"]);
        var fields = File.ReadAllText(result.Details!["stdout"]).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pid = int.Parse(File.ReadAllText(result.Details["stdout"]).Split(' ')[0]);
        var parent = int.Parse(fields[1]);
        var group = int.Parse(fields[2]);

        Assert.Equal(pid, group);
        Assert.Equal(Environment.ProcessId, parent); // started directly, not through setsid or a shell
        Assert.NotEqual(ProcessGroupOf(Environment.ProcessId), group);
    }

    [Fact]
    public void Signals_are_at_their_defaults_and_none_is_blocked()
    {
        // .NET ignores SIGPIPE; a program in a pipeline (yes | head) needs it back. (glibc keeps its own two real-time
        // signals, 32 and 33, ignored in a child it starts: only the standard signals 1 to 31 are looked at.)
        var result = _trials.Run(["/bin/cat", "/proc/self/status"]);
        var status = File.ReadAllLines(result.Details!["stdout"]);
        ulong Mask(string name) => Convert.ToUInt64(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim(), 16);
        Assert.Equal(0UL, Mask("SigIgn") & 0x7FFF_FFFF);
        Assert.Equal(0UL, Mask("SigBlk"));
    }

    [Fact]
    public void The_worker_s_own_environment_reaches_the_program_beside_the_trial_s_variables()
    {
        Environment.SetEnvironmentVariable("SWEEPS_TEST_FROM_WORKER", "inherited value");
        try
        {
            var script = _scripts.Write("env.sh", "echo \"worker=$SWEEPS_TEST_FROM_WORKER trial=$SWEEPS_TRIAL path=${PATH:+set}\"\n");
            var result = _trials.Run([script], trial: 5);
            Assert.Equal("worker=inherited value trial=5 path=set\n", File.ReadAllText(result.Details!["stdout"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SWEEPS_TEST_FROM_WORKER", null);
        }
    }

    [Fact]
    public void Input_is_empty_so_a_program_that_reads_it_does_not_wait()
    {
        var script = _scripts.Write("reads.sh", "cat; echo '{\"read\": 1}'\n");
        Assert.Equal(1, _trials.Run([script]).Metrics["read"]);
    }

    [Fact]
    public void A_script_without_a_first_line_runs_with_sh_as_exec_would()
    {
        var path = Path.Combine(_scripts.Folder, "plain");
        File.WriteAllText(path, "echo '{\"ran\": 1}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal(1, _trials.Run([path]).Metrics["ran"]);
    }

    [Fact]
    public void A_program_that_prints_nothing_leaves_no_output_files_and_one_stream_only_its_own()
    {
        var silent = _trials.Run(["true"]);
        Assert.False(silent.Details!.ContainsKey("stdout"));
        Assert.False(silent.Details.ContainsKey("stderr"));
        var attempt = Path.Combine(_scripts.WorkDirectory, "my-model", "trial-0-attempt-1");
        Assert.Equal(["params.json"], Directory.GetFiles(attempt).Select(Path.GetFileName));

        var script = _scripts.Write("warns.sh", "echo careful >&2\n");
        var warned = _trials.Run([script], trial: 1);
        Assert.False(warned.Details!.ContainsKey("stdout"));
        Assert.Equal("careful\n", File.ReadAllText(warned.Details["stderr"]));
    }

    [Fact]
    public void A_program_that_makes_a_file_named_like_its_output_still_has_its_output_kept()
    {
        var script = _scripts.Write("clash.sh", """
            echo "the program's own" > stdout.log
            echo '{"loss": 2}'
            """);
        var result = _trials.Run([script]);
        Assert.Equal(2, result.Metrics["loss"]);
        Assert.Equal("{\"loss\": 2}\n", File.ReadAllText(result.Details!["stdout"]));
    }

    [Fact]
    public void An_argument_holding_a_NUL_character_fails_the_trial_clearly()
    {
        var error = Assert.Throws<JobFailedException>(() => _trials.Run(["true", "a\0b"]));
        Assert.Equal("'a\\0b' holds a NUL character, which no program can be given", error.Message);
    }

    [Fact]
    public void A_program_that_vanished_after_it_was_found_is_refused_with_the_reason()
    {
        // Found by the lookup, gone when it starts: a directory in its place makes exec fail with EACCES.
        var error = Assert.Throws<TrialRefusedException>(() => ProgramSpawn.Start(_scripts.Folder, [], _scripts.Folder,
            new Dictionary<string, string>(), 1, 2));
        Assert.StartsWith($"program '{_scripts.Folder}' could not start on this worker: Permission denied", error.Reason);
    }

    [Fact]
    public void Output_held_open_by_a_process_that_left_the_group_is_read_for_a_while_then_given_up()
    {
        var pids = Path.Combine(_scripts.Folder, "escaped");
        // The escaped process writes its id once it has left the group; the script ends only after that.
        var script = _scripts.Write("escape.sh", $$"""
            setsid sh -c 'echo $$ > {{pids}}.tmp && mv {{pids}}.tmp {{pids}}; exec sleep 600' &
            while [ ! -s {{pids}} ]; do sleep 0.05; done
            echo '{"loss": 1}'
            """);
        try
        {
            var result = _trials.Run([script]);
            Assert.Equal(1, result.Metrics["loss"]);
            Assert.StartsWith("still held open 10s after the program ended", result.Details!["output"]);
        }
        finally
        {
            if (File.Exists(pids) && int.TryParse(File.ReadAllText(pids).Trim(), out var pid))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }
        }
    }

    [Fact]
    public void Without_a_pidfd_the_end_of_a_program_is_still_seen_and_a_stopped_one_still_stops()
    {
        ProcessGroup.UseProcessHandles = false; // as on Linux before 5.3
        try
        {
            var script = _scripts.Write("quick.sh", "echo '{\"loss\": 3}'\nexit 0\n");
            Assert.Equal(3, _trials.Run([script]).Metrics["loss"]);

            var started = Path.Combine(_scripts.Folder, "started");
            var hang = _scripts.Write("hang.sh", $$"""
                echo $$ > {{started}}
                sleep 1000
                """);
            using var cancel = new CancellationTokenSource();
            var run = Task.Run(() => _trials.Run([hang], cancellation: cancel.Token, trial: 1));
            Assert.True(Scripts.Eventually(() => File.Exists(started) && File.ReadAllText(started).Trim().Length > 0), "the script never started");
            cancel.Cancel();
            var error = Assert.Throws<OperationCanceledException>(() => run.GetAwaiter().GetResult());
            Assert.Equal("stopped with SIGTERM", error.Message);
        }
        finally
        {
            ProcessGroup.UseProcessHandles = true;
        }
    }

    private static int ProcessGroupOf(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]);
}
