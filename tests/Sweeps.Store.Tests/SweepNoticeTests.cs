using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>What status tells about a sweep (why it waits, which workers refused it), on SQLite and PostgreSQL.</summary>
public sealed class SweepNoticeTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    private static readonly DateTime At = new(2026, 12, 2, 18, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(Kinds))]
    public void A_notice_is_written_replaced_and_removed_and_a_replayed_batch_changes_nothing(string kind)
    {
        var store = ResultStore.Open(TestStores.Create(kind));
        store.SaveSweep(Some.Sweep());
        var first = new StoreBatch { SequenceNr = 1 };
        first.Notices.Add(new SweepNotice("shell", SweepNotice.Waiting, "no connected worker can run it: worker a lacks gpu=a100", At));
        first.Notices.Add(new SweepNotice("shell", SweepNotice.RefusedPrefix + "b", "worker b cannot run it: program missing", At));
        store.Apply(first, "trials");
        store.Apply(first, "trials");
        Assert.Equal([SweepNotice.RefusedPrefix + "b", SweepNotice.Waiting], store.Notices("shell").Select(n => n.Topic).Order());

        var second = new StoreBatch { SequenceNr = 2 };
        second.Notices.Add(new SweepNotice("shell", SweepNotice.Waiting, "no connected worker can run it: worker c lacks gpu=a100", At.AddMinutes(1)));
        store.Apply(second, "trials");
        var waiting = Assert.Single(store.Notices(), n => n.Topic == SweepNotice.Waiting);
        Assert.Equal(("worker c lacks gpu=a100", At.AddMinutes(1)), (waiting.Message![^23..], waiting.At));

        var cleared = new StoreBatch { SequenceNr = 3 };
        cleared.Notices.Add(new SweepNotice("shell", SweepNotice.Waiting, null, At.AddMinutes(2)));
        store.Apply(cleared, "trials");
        Assert.Equal([SweepNotice.RefusedPrefix + "b"], store.Notices("shell").Select(n => n.Topic));
        Assert.Empty(store.Notices("other"));
    }
}
