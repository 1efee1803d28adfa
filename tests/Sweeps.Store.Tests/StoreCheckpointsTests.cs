using Sweeps.Core.Jobs;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>Trial checkpoints in the store's trial_checkpoints table, on SQLite and PostgreSQL.</summary>
public sealed class StoreCheckpointsTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public void The_latest_step_is_kept_for_each_trial_and_an_older_save_loses(string kind)
    {
        var checkpoints = ResultStore.Open(TestStores.Create(kind)).Checkpoints();
        var trial = checkpoints.For("sweep-a", 3);

        Assert.Null(trial.Latest());
        trial.Save(1, new byte[] { 1, 2, 3 });
        trial.Save(4, new byte[] { 4, 4 });
        trial.Save(2, new byte[] { 9 }); // a late save of an attempt that was given up on

        var latest = trial.Latest()!;
        Assert.Equal(4L, latest.Step);
        Assert.Equal([4, 4], latest.State.ToArray());
        Assert.Null(checkpoints.For("sweep-a", 4).Latest());
        Assert.Null(checkpoints.For("sweep-b", 3).Latest());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Another_node_on_the_same_store_sees_a_checkpoint_and_clearing_removes_it(string kind)
    {
        var location = TestStores.Create(kind);
        var state = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        ResultStore.Open(location).Checkpoints().For("s", 0).Save(5, state);

        var elsewhere = ResultStore.Open(location).Checkpoints().For("s", 0);
        Assert.Equal(state, elsewhere.Latest()!.State.ToArray());
        elsewhere.Clear();
        Assert.Null(ResultStore.Open(location).Checkpoints().For("s", 0).Latest());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_state_over_the_limit_or_a_negative_step_is_refused_with_the_reason(string kind)
    {
        var trial = ResultStore.Open(TestStores.Create(kind)).Checkpoints(maxBytes: 10).For("s", 1);

        Assert.Contains("10", Assert.Throws<TrialCheckpointException>(() => trial.Save(1, new byte[11])).Message);
        Assert.Throws<TrialCheckpointException>(() => trial.Save(-1, new byte[1]));
        Assert.Null(trial.Latest());
    }
}
