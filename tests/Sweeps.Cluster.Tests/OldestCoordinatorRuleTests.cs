using Sweeps.Cluster.Downing;

namespace Sweeps.Cluster.Tests;

/// <summary>The downing rule on both sides of every split that matters: what each side downs, and that they agree.</summary>
public sealed class OldestCoordinatorRuleTests
{
    // Members oldest first: A and B are coordinators (A the active one), W1..W3 workers; lower case: unreachable from here.
    [Theory]
    [InlineData("A B W1 W2 w3", "W3")]                 // a worker died: only it is downed
    [InlineData("A B W1 w2 w3", "W2 W3")]              // two workers died at once: still only them
    [InlineData("w1 A B W2 W3", "W1")]                 // the oldest member is a worker: its death decides nothing else
    [InlineData("a B W1 W2 W3", "A")]                  // the active coordinator crashed: the standby's side downs it
    [InlineData("a B", "B")]                           // two coordinators and nothing else: 1 against 1, the standby restarts and starts a cluster
    [InlineData("a b W1 W2 W3", "W1 W2 W3")]           // every coordinator died: the workers down themselves and start again
    [InlineData("A w1 w2", "W1 W2")]                   // one coordinator, no standby, both workers gone: it keeps going
    public void Decides_from_this_side(string members, string downed)
    {
        var views = members.Split(' ').Select(View).ToList();
        Assert.Equal(downed.Split(' ').Order(), OldestCoordinatorRule.NodesToDown(views).Order());
    }

    [Theory]
    [InlineData("A", "B w1 w2 w3")]
    [InlineData("A w1", "B w2 w3")]
    [InlineData("A w1", "B w2")]
    [InlineData("A w1 w2", "B")]
    [InlineData("A", "B")]
    [InlineData("A B", "w1 w2 w3")]
    [InlineData("A B w1", "w2")]
    public void Both_sides_of_a_partition_agree_on_exactly_one_survivor(string left, string right)
    {
        var order = (left + " " + right).Split(' ').OrderBy(n => n).ToList(); // A, B, w1... happen to sort oldest first
        List<MemberView> From(string side) => order.Select(n => new MemberView(n, n is "A" or "B", side.Split(' ').Contains(n))).ToList();
        var leftDowns = OldestCoordinatorRule.NodesToDown(From(left)).ToHashSet();
        var rightDowns = OldestCoordinatorRule.NodesToDown(From(right)).ToHashSet();
        var leftSurvives = !leftDowns.Overlaps(left.Split(' '));
        var rightSurvives = !rightDowns.Overlaps(right.Split(' '));
        Assert.True(leftSurvives != rightSurvives, $"left downs [{string.Join(",", leftDowns)}], right downs [{string.Join(",", rightDowns)}]");
        Assert.Equal(leftSurvives ? right.Split(' ').Order() : left.Split(' ').Order(), (leftSurvives ? leftDowns : rightDowns).Order());
    }

    [Fact]
    public void Nobody_is_downed_while_everyone_is_reachable() =>
        Assert.Empty(OldestCoordinatorRule.NodesToDown([View("A"), View("B"), View("W1")]));

    // Upper case first letter: reachable from this side; "A"/"B" (any case) are coordinators.
    private static MemberView View(string name) =>
        new(name.ToUpperInvariant(), name.ToUpperInvariant() is "A" or "B", char.IsUpper(name[0]));
}
