using Sweeps.Cluster.Coordination;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>Which sender may speak for which worker name, without an ActorSystem (senders are strings here).</summary>
public sealed class WorkerRosterTests
{
    [Fact]
    public void A_name_is_bound_to_the_first_sender_that_uses_it_and_its_messages_are_accepted()
    {
        var roster = new WorkerRoster<string>();
        Assert.Equal(RosterDecision.Bound, roster.Claim("w1", "ref-a"));
        Assert.Equal(RosterDecision.Known, roster.Claim("w1", "ref-a"));
        Assert.Equal(RosterDecision.Known, roster.Check("w1", "ref-a"));
        Assert.Equal("w1", roster.NameOf("ref-a"));
    }

    [Fact]
    public void A_live_worker_s_name_is_refused_to_another_sender_and_reported_once()
    {
        var roster = new WorkerRoster<string>();
        roster.Claim("w1", "ref-a");

        Assert.True(roster.Check("w1", "forger").FirstRefusal); // results are refused (and reported) each time
        var first = roster.Claim("w1", "forger");
        Assert.False(first.Accepted);
        Assert.True(first.FirstRefusal);
        Assert.Equal("the name 'w1' belongs to a live worker (ref-a); it is given to another only once that worker has stopped " +
                     "or its node is unreachable; give each worker its own --name", first.Refusal);
        Assert.False(roster.Claim("w1", "forger").FirstRefusal);
        Assert.Equal("worker 'w1' is another sender (ref-a)", roster.Check("w1", "forger").Refusal);
        Assert.Equal("ref-a", roster.Workers.Single(w => w.Name == "w1").Worker);
    }

    [Fact]
    public void Results_never_bind_a_name_and_a_sender_cannot_speak_for_two_names()
    {
        var roster = new WorkerRoster<string>();
        Assert.Equal("no worker 'w1' has introduced itself to this coordinator", roster.Check("w1", "ref-a").Refusal);
        Assert.Equal(0, roster.Count);

        roster.Claim("forger", "ref-f");
        Assert.Equal("it introduced itself as worker 'forger', not 'w1'", roster.Check("w1", "ref-f").Refusal);
        Assert.Equal("it introduced itself as worker 'forger' before; one worker, one name", roster.Claim("w1", "ref-f").Refusal);
        Assert.Equal(1, roster.Count);
    }

    [Fact]
    public void A_restarted_worker_gets_its_name_back_once_its_old_self_is_gone()
    {
        var roster = new WorkerRoster<string>();
        roster.Claim("gpu-1", "old-incarnation");
        Assert.False(roster.Claim("gpu-1", "new-incarnation").Accepted);

        Assert.Equal("gpu-1", roster.Release("old-incarnation"));
        Assert.Null(roster.Release("old-incarnation"));
        Assert.Equal(RosterDecision.Bound, roster.Claim("gpu-1", "new-incarnation"));
        Assert.False(roster.Check("gpu-1", "old-incarnation").Accepted);
    }
}
