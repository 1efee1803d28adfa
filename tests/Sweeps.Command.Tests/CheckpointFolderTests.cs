using Sweeps.Command.Tests.Support;
using Sweeps.Core.Jobs;

namespace Sweeps.Command.Tests;

/// <summary>SWEEPS_CHECKPOINT_DIR travels: what a program marks done is kept, and the next attempt on another worker starts from it.</summary>
[Collection(RealProcesses.Name)]
public sealed class CheckpointFolderTests : IDisposable
{
    private readonly Scripts _scripts = new();
    private readonly Trials _trials;

    public CheckpointFolderTests() => _trials = new Trials(_scripts);

    public void Dispose() => _scripts.Dispose();

    // Counts epochs in its checkpoint folder, marks each one done, reports it, and (on attempt 1) dies after epoch 3.
    private const string Training = """
        dir="$SWEEPS_CHECKPOINT_DIR"
        epoch=$(cat "$dir/epoch" 2>/dev/null || echo 0)
        echo "started at epoch $epoch" >&2
        while [ "$epoch" -lt 6 ]; do
          epoch=$((epoch + 1))
          mkdir -p "$dir/weights" && echo "w$epoch" > "$dir/weights/layer1"
          echo "$epoch" > "$dir/epoch"
          touch "$dir/.sweeps-checkpoint-done"
          echo "{\"epoch\": $epoch, \"loss\": $((10 - epoch))}"
          while [ -e "$dir/.sweeps-checkpoint-done" ]; do sleep 0.01; done
          if [ "$SWEEPS_ATTEMPT" = 1 ] && [ "$epoch" = 3 ]; then echo "worker lost" >&2; exit 9; fi
        done
        """;

    [Fact]
    public void A_second_attempt_on_another_worker_resumes_from_the_state_the_first_marked_done()
    {
        var script = _scripts.Write("train.sh", Training);
        var store = new MemoryCheckpointStore();
        var checkpoints = store.For("my-model", 0);

        var first = Assert.Throws<JobFailedException>(() => _trials.Run([script], checkpoints: checkpoints, workDirectory: Path.Combine(_scripts.Folder, "worker-a")));
        Assert.Contains("exit code 9", first.Message);
        Assert.Equal("3", first.Details!["checkpoints_kept"]);

        var second = _trials.Run([script], attempt: 2, checkpoints: checkpoints, workDirectory: Path.Combine(_scripts.Folder, "worker-b"));
        Assert.Equal("2", second.Details!["resumed_from_checkpoint"]); // steps 0, 1, 2: the third checkpoint
        Assert.Equal("started at epoch 3\n", File.ReadAllText(second.Details["stderr"]));
        Assert.Equal(6, second.Metrics["epoch"]);
        Assert.Equal("3", second.Details["checkpoints_kept"]);
        var folder = Path.Combine(_scripts.Folder, "worker-b", "my-model", "trial-0-checkpoint");
        Assert.Equal("w6\n", File.ReadAllText(Path.Combine(folder, "weights", "layer1")));
        Assert.False(File.Exists(Path.Combine(folder, CheckpointFolder.DoneMarker)));
    }

    [Fact]
    public void A_state_too_large_to_keep_is_said_in_the_details_and_the_trial_still_succeeds()
    {
        var script = _scripts.Write("big.sh", """
            head -c 5000 /dev/zero > "$SWEEPS_CHECKPOINT_DIR/state"
            touch "$SWEEPS_CHECKPOINT_DIR/.sweeps-checkpoint-done"
            echo '{"loss": 1}'
            """);
        var checkpoints = new MemoryCheckpointStore(maxBytes: 1000).For("my-model", 0);

        var result = _trials.Run([script], checkpoints: checkpoints);

        Assert.Equal(1, result.Metrics["loss"]);
        Assert.Contains("more than the 1,000", result.Details!["checkpoint_error"]);
        Assert.Null(checkpoints.Latest());
    }

    [Fact]
    public void An_empty_folder_marked_done_comes_back_empty()
    {
        var script = _scripts.Write("empty.sh", """
            if [ "$SWEEPS_ATTEMPT" = 1 ]; then touch "$SWEEPS_CHECKPOINT_DIR/.sweeps-checkpoint-done"; echo '{"loss": 2}'; exit 1; fi
            ls -A "$SWEEPS_CHECKPOINT_DIR" | wc -l >&2
            """);
        var checkpoints = new MemoryCheckpointStore().For("my-model", 0);

        Assert.Throws<JobFailedException>(() => _trials.Run([script], checkpoints: checkpoints, workDirectory: Path.Combine(_scripts.Folder, "a")));
        var second = _trials.Run([script], attempt: 2, checkpoints: checkpoints, workDirectory: Path.Combine(_scripts.Folder, "b"));

        Assert.Equal("0", second.Details!["resumed_from_checkpoint"]);
        Assert.Equal("0", File.ReadAllText(second.Details["stderr"]).Trim());
    }

    [Fact]
    public void A_checkpoint_that_is_not_a_tar_fails_the_trial_before_the_program_runs()
    {
        var script = _scripts.Write("never.sh", "touch \"$SWEEPS_CHECKPOINT_DIR/ran\"\n");
        var checkpoints = new MemoryCheckpointStore().For("my-model", 0);
        checkpoints.Save(4, "this is not a tar archive at all, just text that is long enough to look like a header"u8.ToArray().Concat(new byte[600]).ToArray());

        var error = Assert.Throws<JobFailedException>(() => _trials.Run([script], checkpoints: checkpoints));

        Assert.Contains("checkpoint (step 4) could not be unpacked", error.Message);
    }
}
