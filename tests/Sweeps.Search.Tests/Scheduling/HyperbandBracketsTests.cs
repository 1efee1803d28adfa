using Sweeps.Search.Scheduling;

namespace Sweeps.Search.Tests.Scheduling;

public sealed class HyperbandBracketsTests
{
    /// <summary>Li et al. (2018), Table 1: R = 81, η = 3 gives five brackets of 81, 34, 15, 8 and 5 trials (s = 4 … 0).</summary>
    [Fact]
    public void The_brackets_of_the_Hyperband_paper()
    {
        var hyperband = new HyperbandBrackets(new Rungs(1, 81, 3));
        Assert.Equal([5, 8, 15, 34, 81], hyperband.TrialsPerRound);
        Assert.Equal([81L], hyperband.Brackets[0].Levels);
        Assert.Equal([1L, 3, 9, 27, 81], hyperband.Brackets[4].Levels);
        Assert.Equal([9L, 27, 81], hyperband.Brackets[2].Levels);
    }

    [Fact]
    public void Trials_are_dealt_to_brackets_in_proportion_interleaved_and_the_same_every_round()
    {
        var hyperband = new HyperbandBrackets(new Rungs(1, 81, 3));
        var round = Enumerable.Range(0, 143).Select(i => hyperband.BracketOf(i)).ToList();
        Assert.Equal([5, 8, 15, 34, 81], Enumerable.Range(0, 5).Select(s => round.Count(b => b == s)));
        Assert.Equal(round, Enumerable.Range(143, 143).Select(i => hyperband.BracketOf(i)));
        Assert.Equal(5, round.Take(16).Distinct().Count()); // every bracket starts within the round's first ninth, not after the others
    }
}
