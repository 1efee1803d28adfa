using System.Text.Json;
using Sweeps.Command.Tests.Support;
using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Command.Tests;

/// <summary>The command job against real programs: shell scripts written at test time, run in their own process groups.</summary>
[Collection(RealProcesses.Name)]
public sealed class CommandJobTests : IDisposable
{
    private readonly Scripts _scripts = new();
    private readonly Trials _trials;

    public CommandJobTests() => _trials = new Trials(_scripts);

    public void Dispose() => _scripts.Dispose();

    private static readonly TrialParameters Point = new([
        new("learning_rate", ParameterValue.Of(0.001)), new("layers", ParameterValue.Of(3L)), new("optimizer", ParameterValue.Of("adam"))]);

    [Fact]
    public void A_program_that_prints_metrics_and_exits_0_succeeds_with_the_last_value_of_each_metric()
    {
        var script = _scripts.Write("train.sh", """
            echo "training with lr=$1 layers=$2"
            echo '{"epoch": 1, "valid_loss": 0.9, "accuracy": 0.5}'
            echo 'not json {'
            echo '{"epoch": 2, "valid_loss": 0.41}'
            echo '{"epoch": 3, "valid_loss": 0.45, "note": "text makes this a log line"}'
            echo "warning on stderr" >&2
            """);
        var result = _trials.Run([script, "{learning_rate}", "{layers}"], Point);

        Assert.Equal(0.41, result.Metrics["valid_loss"]);
        Assert.Equal(0.5, result.Metrics["accuracy"]);
        Assert.Equal(2, result.Metrics["epoch"]);
        Assert.Equal([0.9, 0.41], result.Series!["valid_loss"]);
        Assert.Equal([1L, 2L], _trials.Reports.Select(r => r.Step));
        Assert.Equal(0.41, _trials.Reports[^1].Metrics!["valid_loss"]);

        var details = result.Details!;
        Assert.Equal($"{script} 0.001 3", details["command"]);
        var stdout = File.ReadAllText(details["stdout"]);
        Assert.Contains("training with lr=0.001 layers=3", stdout);
        Assert.Contains("not json {", stdout);
        Assert.Equal("warning on stderr\n", File.ReadAllText(details["stderr"]));
        Assert.StartsWith(_scripts.WorkDirectory, details["stdout"]);
    }

    [Fact]
    public void Parameters_reach_the_program_as_variables_and_a_json_file_with_the_trial_s_identity()
    {
        var script = _scripts.Write("env.sh", """
            echo "lr=$SWEEPS_PARAM_LEARNING_RATE layers=$SWEEPS_PARAM_LAYERS optimizer=$SWEEPS_PARAM_OPTIMIZER"
            echo "sweep=$SWEEPS_SWEEP trial=$SWEEPS_TRIAL attempt=$SWEEPS_ATTEMPT seed=$SWEEPS_SEED"
            echo "checkpoint=$SWEEPS_CHECKPOINT_DIR"
            echo "pwd=$(pwd)"
            cat "$SWEEPS_PARAMS_FILE"
            """);
        var result = _trials.Run([script], Point, trial: 7, attempt: 2);
        var stdout = File.ReadAllText(result.Details!["stdout"]);

        Assert.Contains("lr=0.001 layers=3 optimizer=adam", stdout);
        Assert.Contains("sweep=my-model trial=7 attempt=2 seed=42", stdout);
        Assert.Contains($"checkpoint={Path.Combine(_scripts.WorkDirectory, "my-model", "trial-7-checkpoint")}", stdout);
        Assert.Contains($"pwd={Path.Combine(_scripts.WorkDirectory, "my-model", "trial-7-attempt-2")}", stdout);
        using var json = JsonDocument.Parse(stdout[stdout.IndexOf('{')..]);
        Assert.Equal(0.001, json.RootElement.GetProperty("learning_rate").GetDouble());
        Assert.Equal(3, json.RootElement.GetProperty("layers").GetInt64());
        Assert.Equal("adam", json.RootElement.GetProperty("optimizer").GetString());
    }

    [Fact]
    public void A_scheduler_s_rung_reaches_the_program_as_SWEEPS_STOP_AT_STEP_and_only_then()
    {
        var script = _scripts.Write("rung.sh", """
            last=${SWEEPS_STOP_AT_STEP:-10}
            i=1
            while [ $i -le $last ]; do echo "{\"step\": $i, \"loss\": $i}"; i=$((i+1)); done
            """);
        Assert.Equal(3, _trials.Run([script], Point, stopAtStep: 3).Metrics["loss"]);
        Assert.Equal(10, _trials.Run([script], Point).Metrics["loss"]);
    }

    [Fact]
    public void The_checkpoint_folder_survives_to_the_next_attempt_of_the_same_trial()
    {
        var script = _scripts.Write("resume.sh", """
            if [ -f "$SWEEPS_CHECKPOINT_DIR/state" ]; then echo "{\"resumed_from\": $(cat "$SWEEPS_CHECKPOINT_DIR/state")}"; exit 0; fi
            echo 5 > "$SWEEPS_CHECKPOINT_DIR/state"
            echo "crashed after saving epoch 5" >&2
            exit 1
            """);
        Assert.Throws<JobFailedException>(() => _trials.Run([script], attempt: 1));
        var second = _trials.Run([script], attempt: 2);
        Assert.Equal(5, second.Metrics["resumed_from"]);
    }

    [Fact]
    public void A_program_that_fails_fails_the_trial_with_its_exit_code_and_the_end_of_its_stderr()
    {
        var script = _scripts.Write("fail.sh", """
            echo '{"valid_loss": 0.7}'
            echo "Traceback: CUDA out of memory" >&2
            exit 3
            """);
        var error = Assert.Throws<JobFailedException>(() => _trials.Run([script]));

        Assert.StartsWith("exit code 3", error.Message);
        Assert.Contains("Traceback: CUDA out of memory", error.Message);
        Assert.Equal("3", error.Details["exit_code"]);
        Assert.Equal(script, error.Details["command"]);
        Assert.True(File.Exists(error.Details["stderr"]));
    }

    [Fact]
    public void Only_the_last_4_KiB_of_a_long_stderr_go_into_the_error()
    {
        var script = _scripts.Write("noisy.sh", """
            i=0; while [ $i -lt 2000 ]; do echo "noise line $i" >&2; i=$((i+1)); done
            echo "the real cause" >&2
            exit 1
            """);
        var error = Assert.Throws<JobFailedException>(() => _trials.Run([script]));

        Assert.Contains("the real cause", error.Message);
        Assert.DoesNotContain("noise line 0\n", error.Message);
        Assert.InRange(error.Message.Length, 4000, 4300);
        Assert.Contains("noise line 0\n", File.ReadAllText(error.Details["stderr"]));
    }

    [Fact]
    public void A_program_that_hangs_past_the_timeout_is_stopped_with_its_children_and_the_trial_times_out()
    {
        var pids = Path.Combine(_scripts.Folder, "pids");
        var script = _scripts.Write("hang.sh", $$"""
            sleep 1000 &
            echo "$$ $!" > {{pids}}
            wait
            """);
        using var timedOut = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var error = Assert.Throws<JobFailedException>(() =>
            _trials.Run([script], cancellation: timedOut.Token, timeout: TimeSpan.FromSeconds(1), timedOut: timedOut.Token));

        Assert.StartsWith("timed out after 1s (stopped with SIGTERM)", error.Message);
        foreach (var pid in File.ReadAllText(pids).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            Assert.True(Scripts.Eventually(() => !Scripts.IsAlive(pid)), $"process {pid} of the timed-out trial still runs");
    }

    [Fact]
    public void A_program_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var started = Path.Combine(_scripts.Folder, "started");
        var script = _scripts.Write("stubborn.sh", $$"""
            trap 'echo "got SIGTERM, ignoring it" >&2' TERM
            echo $$ > {{started}}
            while :; do sleep 0.1; done
            """);
        using var cancel = new CancellationTokenSource();
        var run = Task.Run(() => _trials.Run([script], cancellation: cancel.Token, killGrace: TimeSpan.FromMilliseconds(500)));
        Assert.True(Scripts.Eventually(() => File.Exists(started) && File.ReadAllText(started).Trim().Length > 0), "the script never started");
        cancel.Cancel();

        var error = Assert.Throws<OperationCanceledException>(() => run.GetAwaiter().GetResult());
        Assert.Equal("stopped with SIGTERM, then SIGKILL after 500ms", error.Message);
        var pid = int.Parse(File.ReadAllText(started).Trim());
        Assert.True(Scripts.Eventually(() => !Scripts.IsAlive(pid)), "the script outlived SIGKILL");
        var stderr = Directory.GetFiles(_scripts.WorkDirectory, "stderr.log", SearchOption.AllDirectories).Single();
        Assert.True(Scripts.Eventually(() => File.ReadAllText(stderr).Contains("got SIGTERM, ignoring it")), "SIGTERM was not sent first");
    }

    [Fact]
    public void A_program_printing_100_MB_is_streamed_to_its_file_in_bounded_memory()
    {
        var script = _scripts.Write("loud.sh", """
            head -c 30000000 /dev/zero | tr '\0' x
            echo
            yes 'a log line of the program, printed again and again' | head -c 70000000
            echo
            echo '{"valid_loss": 0.25}'
            """);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = _trials.Run([script]);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(0.25, result.Metrics["valid_loss"]);
        Assert.True(new FileInfo(result.Details!["stdout"]).Length > 100_000_000);
        Assert.True(allocated < 32 * 1024 * 1024, $"reading 100 MB of output allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_program_that_is_not_on_the_path_is_refused_not_failed()
    {
        var error = Assert.Throws<TrialRefusedException>(() => _trials.Run(["no-such-program-of-sweeps", "--help"]));
        Assert.StartsWith("program 'no-such-program-of-sweeps' is not on this worker's PATH", error.Reason);
    }

    [Fact]
    public void A_program_that_is_not_executable_is_refused()
    {
        var script = _scripts.Write("plain.sh", "echo hi\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<TrialRefusedException>(() => _trials.Run([script]));
        Assert.Contains("is not executable on this worker", error.Reason);
    }

    [Fact]
    public void A_program_outside_the_allowed_list_is_refused_naming_the_list()
    {
        var script = _scripts.Write("train.sh", "echo '{\"loss\": 1}'\n");
        var error = Assert.Throws<TrialRefusedException>(() =>
            _trials.Run([script], permission: CommandPermission.Parse("python3,/opt/train.sh")));
        Assert.Equal($"program '{script}' is not among the programs this worker runs (--allow-commands python3, /opt/train.sh)", error.Reason);

        Assert.Equal(1, _trials.Run([script], permission: CommandPermission.Parse($"python3,{script}")).Metrics["loss"]);
        Assert.Equal(1, _trials.Run(["sh", script], permission: CommandPermission.Parse("sh")).Metrics["loss"]);
    }

    [Fact]
    public void Without_permission_no_program_runs()
    {
        var error = Assert.Throws<TrialRefusedException>(() => _trials.Run(["true"], permission: CommandPermission.None));
        Assert.Contains("start it with --allow-commands", error.Reason);
    }

    [Fact]
    public void A_working_dir_that_is_given_is_where_the_program_runs()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scripts.Folder, "project")).FullName;
        var script = _scripts.Write("where.sh", "pwd\n");
        var result = _trials.Run([script], workingDir: folder);
        Assert.Equal(folder + "\n", File.ReadAllText(result.Details!["stdout"]));
        Assert.Equal(folder, result.Details["working_dir"]);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcesses
{
    public const string Name = "real processes";
}
