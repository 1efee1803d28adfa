using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>The results store against a real SQLite file and a real PostgreSQL server.</summary>
public sealed class ResultStoreTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public async Task Nodes_opening_a_new_store_at_the_same_moment_all_get_its_tables(string kind)
    {
        var location = TestStores.Create(kind);
        using var start = new ManualResetEventSlim();
        var opening = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return ResultStore.Open(location);
        })).ToList();
        start.Set();

        var stores = await Task.WhenAll(opening);
        stores[0].SaveSweep(Some.Sweep());
        Assert.All(stores, store => Assert.NotNull(store.FindSweep(Some.Sweep().Name)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_trial_row_reads_back_as_written(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var written = Some.Trial("shell", 3);
        store.Apply(Some.Batch(1, written), "trials");

        var read = Assert.Single(store.ReadTrials("shell"));
        Assert.Equal(written.Index, read.Index);
        Assert.Equal(written.Seed, read.Seed);
        Assert.Equal(written.Parameters.ToString(), read.Parameters.ToString());
        Assert.Equal(0.5, read.Metrics["value"]);
        Assert.True(double.IsNaN(read.Metrics["nan"]));
        Assert.Equal([1.0, 2, 3], read.Series!["histogram"]);
        Assert.Equal(written.StartedAt, read.StartedAt);
        Assert.Equal(written.EndedAt, read.EndedAt);
        Assert.Equal(TrialStatus.Completed, read.Status);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Applying_the_same_batch_twice_changes_nothing(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var batch = Some.Batch(7, Some.Trial("shell", 0), Some.Trial("shell", 1, TrialStatus.Running));
        store.Apply(batch, "trials");
        store.Apply(batch, "trials");

        Assert.Equal(2, store.ReadTrials("shell").Count());
        Assert.Equal(7, store.ReadOffset("trials"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_final_row_is_never_overwritten_and_an_old_attempt_never_wins(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        store.Apply(Some.Batch(1, Some.Trial("shell", 0, TrialStatus.Running, attempt: 2)), "trials");
        store.Apply(Some.Batch(2, Some.Trial("shell", 0, TrialStatus.Running, attempt: 1)), "trials");
        Assert.Equal(2, store.ReadTrials("shell").Single().Attempt);

        store.Apply(Some.Batch(3, Some.Trial("shell", 0, TrialStatus.Completed, attempt: 2, value: 0.25)), "trials");
        store.Apply(Some.Batch(4, Some.Trial("shell", 0, TrialStatus.Running, attempt: 3)), "trials");
        store.Apply(Some.Batch(5, Some.Trial("shell", 0, TrialStatus.Completed, attempt: 3, value: 0.75)), "trials");

        var row = store.ReadTrials("shell").Single();
        Assert.Equal((TrialStatus.Completed, 2, 0.25), (row.Status, row.Attempt, row.Metrics["value"]));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_offset_only_moves_forward(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        Assert.Equal(0, store.ReadOffset("trials"));
        store.Apply(Some.Batch(10), "trials");
        store.Apply(Some.Batch(4), "trials");
        Assert.Equal(10, store.ReadOffset("trials"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_summary_counts_trials_without_rows_as_pending(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep(total: 10));
        store.Apply(Some.Batch(1, Some.Trial("shell", 0), Some.Trial("shell", 1), Some.Trial("shell", 2, TrialStatus.Failed),
            Some.Trial("shell", 3, TrialStatus.Running), Some.Trial("shell", 4, TrialStatus.Pending)), "trials");

        var summary = store.Summarize(store.FindSweep("shell")!);
        Assert.Equal((2L, 1L, 1L, 6L), (summary.Completed, summary.Failed, summary.Running, summary.Pending));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Sweeps_are_saved_once_and_their_state_changes(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep("a"));
        store.SaveSweep(Some.Sweep("a", fingerprint: "other"));
        var batch = new StoreBatch { SequenceNr = 1 };
        batch.Sweeps.Add(Some.Sweep("b"));
        batch.States.Add(("a", SweepState.Finished));
        store.Apply(batch, "trials");

        Assert.Equal(["a", "b"], store.Sweeps().Select(s => s.Name));
        Assert.Equal(("f1", SweepState.Finished), (store.FindSweep("a")!.Fingerprint, store.FindSweep("a")!.State));
        Assert.Null(store.FindSweep("c"));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Opening_a_store_twice_keeps_what_it_holds(string kind)
    {
        var location = TestStores.Create(kind);
        var first = ResultStore.Open(location);
        first.SaveSweep(Some.Sweep());
        first.Apply(Some.Batch(3, Some.Trial("shell", 0)), "trials");

        var again = ResultStore.Open(location);
        Assert.Single(again.ReadTrials("shell"));
        Assert.Equal(3, again.ReadOffset("trials"));
    }

    [Fact]
    public void A_sqlite_store_in_a_missing_folder_says_which_folder()
    {
        var path = Path.Combine(TestStores.NewFolder(), "no", "such", "sweeps.db");
        var error = Assert.Throws<StoreException>(() => ResultStore.Open(StoreLocation.Parse(path)));
        Assert.Contains("the folder", error.Message);
        Assert.Contains(Path.GetDirectoryName(path)!, error.Message);
    }

    [Fact]
    public void An_unreachable_postgres_server_names_the_server()
    {
        var location = StoreLocation.Parse("Host=127.0.0.1;Port=1;Database=sweeps;Username=nobody;Timeout=2");
        var error = Assert.Throws<StoreException>(() => ResultStore.Open(location));
        Assert.Contains("cannot open the store PostgreSQL 127.0.0.1:1/sweeps", error.Message);
    }

    [Fact]
    public void A_store_written_by_a_newer_sweeps_is_refused()
    {
        var location = TestStores.Create(TestStores.Sqlite);
        ResultStore.Open(location);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(location.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO sweeps_schema (version) VALUES (99)";
            command.ExecuteNonQuery();
        }
        var error = Assert.Throws<StoreException>(() => ResultStore.Open(location));
        Assert.Contains("newer Sweeps (schema version 99", error.Message);
    }
}
