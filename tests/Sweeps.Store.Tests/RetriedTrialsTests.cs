using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sweeps.Core.Lifecycle;
using Sweeps.Store.Query;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>
/// <c>sweeps retry</c> in the store: a failed or pruned row gives way to a strictly newer attempt only, a completed row
/// never; a retried trial's old numbers leave trial_values, so a sorted query sees only what its new attempt came to.
/// </summary>
public sealed class RetriedTrialsTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    private static TrialRow Retried(long index, int attempt) =>
        Some.Trial("shell", index, TrialStatus.Pending, attempt) with { Worker = null, StartedAt = null, Error = "will run again: retried (was failed)" };

    private static TrialRow Pruned(long index, int attempt, double value) =>
        Some.Trial("shell", index, TrialStatus.Completed, attempt, value) with { Status = TrialStatus.Pruned };

    public static TheoryData<string, TrialStatus, int, TrialStatus, int, bool> Guard()
    {
        var data = new TheoryData<string, TrialStatus, int, TrialStatus, int, bool>();
        foreach (var kind in TestStores.Kinds())
        {
            // (stored status, attempt) replaced by (written status, attempt)?
            foreach (var (stored, storedAttempt, written, writtenAttempt, replaced) in new[]
                     {
                         (TrialStatus.Failed, 1, TrialStatus.Pending, 2, true),
                         (TrialStatus.Failed, 1, TrialStatus.Running, 2, true),
                         (TrialStatus.Failed, 1, TrialStatus.Completed, 2, true),
                         (TrialStatus.Failed, 2, TrialStatus.Completed, 2, false),
                         (TrialStatus.Failed, 2, TrialStatus.Pending, 2, false),
                         (TrialStatus.Failed, 3, TrialStatus.Completed, 2, false),
                         (TrialStatus.Pruned, 1, TrialStatus.Pending, 2, true),
                         (TrialStatus.Pruned, 2, TrialStatus.Running, 2, false),
                         (TrialStatus.Pruned, 2, TrialStatus.Failed, 1, false),
                         (TrialStatus.Completed, 1, TrialStatus.Pending, 2, false),
                         (TrialStatus.Completed, 1, TrialStatus.Completed, 5, false),
                         (TrialStatus.Completed, 1, TrialStatus.Failed, 2, false),
                     })
                data.Add(kind, stored, storedAttempt, written, writtenAttempt, replaced);
        }
        return data;
    }

    [Theory, MemberData(nameof(Guard))]
    public void A_final_row_gives_way_only_as_the_guard_says(string kind, TrialStatus stored, int storedAttempt, TrialStatus written, int writtenAttempt, bool replaced)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var old = stored == TrialStatus.Pruned ? Pruned(0, storedAttempt, 0.25) : Some.Trial("shell", 0, stored, storedAttempt, 0.25);
        store.Apply(Some.Batch(1, old), "trials");
        var row = written == TrialStatus.Pending ? Retried(0, writtenAttempt) : Some.Trial("shell", 0, written, writtenAttempt, 0.75);
        store.Apply(Some.Batch(2, row), "trials");

        var now = Assert.Single(store.ReadTrials("shell"));
        Assert.Equal(replaced ? (written, writtenAttempt) : (stored, storedAttempt), (now.Status, now.Attempt));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_retried_trial_moves_from_failed_through_pending_and_running_to_its_new_result_and_a_replay_changes_nothing(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var history = new[]
        {
            Some.Trial("shell", 0, TrialStatus.Running, 1),
            Some.Trial("shell", 0, TrialStatus.Failed, 1),
            Retried(0, 2),
            Some.Trial("shell", 0, TrialStatus.Running, 2),
            Some.Trial("shell", 0, TrialStatus.Completed, 2, 0.75),
        };
        var seen = new List<(TrialStatus, int)>();
        for (var i = 0; i < history.Length; i++)
        {
            store.Apply(Some.Batch(i + 1, history[i]), "trials");
            var row = Assert.Single(store.ReadTrials("shell"));
            seen.Add((row.Status, row.Attempt));
        }
        Assert.Equal([(TrialStatus.Running, 1), (TrialStatus.Failed, 1), (TrialStatus.Pending, 2), (TrialStatus.Running, 2), (TrialStatus.Completed, 2)], seen);

        // the whole history again (a projection started over): the row stays what the last attempt came to
        for (var i = 0; i < history.Length; i++) store.Apply(Some.Batch(10 + i, history[i]), "trials");
        var last = Assert.Single(store.ReadTrials("shell"));
        Assert.Equal((TrialStatus.Completed, 2, 0.75), (last.Status, last.Attempt, last.Metrics["value"]));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_retried_trial_s_old_numbers_leave_trial_values_and_a_sorted_query_sees_only_its_new_result(string kind)
    {
        var location = TestStores.Create(kind);
        var store = ResultStore.Open(location);
        store.SaveSweep(Some.Sweep());
        store.Apply(Some.Batch(1, Pruned(0, 1, 0.9), Some.Trial("shell", 1, TrialStatus.Completed, 1, 0.5), Pruned(2, 3, 0.1)), "trials");
        Assert.Contains((0L, "metric.value", 0.9), Values(location));

        store.Apply(Some.Batch(2, Retried(0, 2)), "trials");
        Assert.DoesNotContain(Values(location), v => v.Index == 0);
        Assert.Contains((2L, "metric.value", 0.1), Values(location)); // a trial not retried keeps its numbers

        store.Apply(Some.Batch(3, Some.Trial("shell", 0, TrialStatus.Running, 2)), "trials");
        store.Apply(Some.Batch(4, Some.Trial("shell", 0, TrialStatus.Completed, 2, 0.2)), "trials");
        Assert.Equal([(0L, "metric.value", 0.2), (0L, "param.dimension", 2), (0L, "param.epsilon", 0.01)], Values(location).Where(v => v.Index == 0));

        var fields = TrialFieldSet.For(["dimension", "epsilon", "optimizer"], ["value", "nan"]);
        Assert.True(fields.TryResolve("value", out var value));
        var sorted = store.ReadTrials("shell", new TrialQuery(TrialFilter.All, new TrialSort(value, Descending: true), 3)).ToList();
        Assert.Equal([(1L, 0.5), (0L, 0.2), (2L, 0.1)], sorted.Select(t => (t.Index, t.Metrics["value"])));
    }

    private static List<(long Index, string Field, double Value)> Values(StoreLocation location)
    {
        using DbConnection connection = location.Provider == StoreProvider.Sqlite
            ? new SqliteConnection(location.ConnectionString)
            : new NpgsqlConnection(location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT trial_index, field, value FROM trial_values";
        using var reader = command.ExecuteReader();
        var values = new List<(long, string, double)>();
        while (reader.Read()) values.Add((reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2)));
        return values.OrderBy(v => v.Item1).ThenBy(v => v.Item2, StringComparer.Ordinal).ToList();
    }
}
