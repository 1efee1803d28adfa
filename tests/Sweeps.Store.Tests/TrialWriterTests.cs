using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>Writing a batch of many trial rows at once (one statement on PostgreSQL, one prepared statement on SQLite) keeps the guard.</summary>
public sealed class TrialWriterTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public void Within_one_batch_a_final_row_is_never_overwritten_and_an_older_attempt_never_wins(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        store.Apply(Some.Batch(1,
            Some.Trial("shell", 0, TrialStatus.Completed, attempt: 1, value: 0.25),
            Some.Trial("shell", 1, TrialStatus.Running, attempt: 2),
            Some.Trial("shell", 2, TrialStatus.Running, attempt: 1),
            Some.Trial("shell", 3, TrialStatus.Failed, attempt: 1)), "trials");

        store.Apply(Some.Batch(2,
            Some.Trial("shell", 0, TrialStatus.Completed, attempt: 2, value: 0.75), // a final row stays
            Some.Trial("shell", 1, TrialStatus.Completed, attempt: 1, value: 0.75), // an older attempt loses
            Some.Trial("shell", 2, TrialStatus.Completed, attempt: 1, value: 0.5), // the same attempt finishing wins
            Some.Trial("shell", 3, TrialStatus.Running, attempt: 1), // a failed row stays against its own attempt
            Some.Trial("shell", 4, TrialStatus.Pending, attempt: 0)), "trials"); // a new row lands

        var rows = store.ReadTrials("shell").ToDictionary(t => t.Index);
        Assert.Equal((TrialStatus.Completed, 1, 0.25), (rows[0].Status, rows[0].Attempt, rows[0].Metrics["value"]));
        Assert.Equal((TrialStatus.Running, 2), (rows[1].Status, rows[1].Attempt));
        Assert.Equal((TrialStatus.Completed, 1, 0.5), (rows[2].Status, rows[2].Attempt, rows[2].Metrics["value"]));
        Assert.Equal((TrialStatus.Failed, 1, "boom"), (rows[3].Status, rows[3].Attempt, rows[3].Error));
        Assert.Equal(TrialStatus.Pending, rows[4].Status);
        Assert.Equal(2, store.ReadOffset("trials"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_trial_that_starts_and_ends_in_one_batch_is_written_once_as_it_ended(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var batch = Some.Batch(9, Some.Trial("shell", 0, TrialStatus.Running), Some.Trial("shell", 1, TrialStatus.Running),
            Some.Trial("shell", 0, TrialStatus.Completed));

        Assert.Equal([(0L, TrialStatus.Completed), (1L, TrialStatus.Running)], batch.Trials.Select(t => (t.Index, t.Status)).Order());
        store.Apply(batch, "trials");
        Assert.Equal([(0L, TrialStatus.Completed), (1L, TrialStatus.Running)], store.ReadTrials("shell").Select(t => (t.Index, t.Status)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_batch_that_fails_part_way_leaves_neither_rows_nor_offset(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        store.Apply(Some.Batch(4, Some.Trial("shell", 0)), "trials");
        var broken = Some.Trial("shell", 2) with { Sweep = null! }; // breaks NOT NULL after the good row is sent

        Assert.ThrowsAny<Exception>(() => store.Apply(Some.Batch(5, Some.Trial("shell", 1), broken), "trials"));

        Assert.Equal([0L], store.ReadTrials("shell").Select(t => t.Index));
        Assert.Equal(4, store.ReadOffset("trials"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Thousands_of_rows_with_and_without_their_optional_fields_read_back_as_written(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep(total: 6_000));
        var written = Enumerable.Range(0, 6_000).Select(i => (i % 3) switch
        {
            0 => Some.Trial("shell", i),
            1 => Some.Trial("shell", i, TrialStatus.Failed),
            _ => Some.Trial("shell", i, TrialStatus.Pending) with { Worker = null, StartedAt = null },
        }).ToArray();
        store.Apply(Some.Batch(1, written), "trials");

        var read = store.ReadTrials("shell").ToList();
        Assert.Equal(written.Select(w => (w.Index, w.Status, w.Worker, w.StartedAt, w.EndedAt, w.DurationMs, w.Error, w.Seed)),
            read.Select(r => (r.Index, r.Status, r.Worker, r.StartedAt, r.EndedAt, r.DurationMs, r.Error, r.Seed)));
        Assert.Equal(written.Select(w => w.Parameters.ToString()), read.Select(r => r.Parameters.ToString()));
        Assert.Equal(written.Select(w => w.Metrics.Count), read.Select(r => r.Metrics.Count));
        Assert.Equal(written.Select(w => w.Series is null), read.Select(r => r.Series is null));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_store_no_coordinator_ran_on_has_no_lag_to_show(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        Assert.Null(store.Lag("trials", "sweeps-coordinator"));
    }
}
