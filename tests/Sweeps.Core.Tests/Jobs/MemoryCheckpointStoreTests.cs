using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Core.Tests.Jobs;

public class MemoryCheckpointStoreTests
{
    [Fact]
    public void A_job_context_keeps_no_checkpoints_unless_given_a_store()
    {
        var context = new JobContext(new TrialParameters([]), 1, CancellationToken.None);
        Assert.Same(TrialCheckpoints.None, context.Checkpoints);
        Assert.False(context.Checkpoints.Enabled);
        context.Checkpoints.Save(3, new byte[10]);
        Assert.Null(context.Checkpoints.Latest());
    }

    [Fact]
    public void The_latest_save_comes_back_and_is_a_copy_of_the_bytes()
    {
        var store = new MemoryCheckpointStore();
        var trial = store.For("s", 4);
        Assert.Null(trial.Latest());
        var state = new byte[] { 1, 2, 3 };
        trial.Save(1, state);
        state[0] = 99;
        trial.Save(2, new byte[] { 4, 5 });

        var again = store.For("s", 4).Latest();
        Assert.NotNull(again);
        Assert.Equal(2, again.Step);
        Assert.Equal(new byte[] { 4, 5 }, again.State.ToArray());
        Assert.Null(store.For("s", 5).Latest());
        Assert.Null(store.For("t", 4).Latest());
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void A_late_save_of_an_earlier_step_does_not_replace_a_later_one()
    {
        var trial = new MemoryCheckpointStore().For("s", 0);
        trial.Save(5, new byte[] { 5 });
        trial.Save(3, new byte[] { 3 });
        Assert.Equal(5, trial.Latest()!.Step);
    }

    [Fact]
    public void A_state_over_the_limit_is_refused_with_both_sizes_and_the_trial()
    {
        var trial = new MemoryCheckpointStore(maxBytes: 100).For("shells", 7);
        trial.Save(1, new byte[100]);
        var error = Assert.Throws<TrialCheckpointException>(() => trial.Save(2, new byte[101]));
        Assert.Contains("trial shells/7", error.Message);
        Assert.Contains("101 bytes", error.Message);
        Assert.Contains("limit of 100 bytes", error.Message);
        Assert.Equal(1, trial.Latest()!.Step);
    }

    [Fact]
    public void A_negative_step_is_refused()
    {
        var trial = new MemoryCheckpointStore().For("s", 0);
        var error = Assert.Throws<TrialCheckpointException>(() => trial.Save(-1, new byte[1]));
        Assert.Contains("step must be 0 or more", error.Message);
    }

    [Fact]
    public void Clearing_a_trial_removes_its_checkpoint_only()
    {
        var store = new MemoryCheckpointStore();
        store.For("s", 0).Save(1, new byte[] { 1 });
        store.For("s", 1).Save(1, new byte[] { 2 });
        store.For("s", 0).Clear();
        Assert.Null(store.For("s", 0).Latest());
        Assert.NotNull(store.For("s", 1).Latest());
        Assert.Equal(1, store.Count);
    }
}
