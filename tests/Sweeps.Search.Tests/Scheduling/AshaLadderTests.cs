using Sweeps.Core.Spec;
using Sweeps.Search.Scheduling;

namespace Sweeps.Search.Tests.Scheduling;

public sealed class AshaLadderTests
{
    [Theory]
    [InlineData(1, 81, 3, new long[] { 1, 3, 9, 27, 81 })]
    [InlineData(1, 100, 3, new long[] { 1, 3, 9, 27, 81 })]
    [InlineData(2, 16, 2, new long[] { 2, 4, 8, 16 })]
    [InlineData(5, 5, 4, new long[] { 5 })]
    public void Rungs_are_r_times_powers_of_eta_up_to_R(long min, long max, int eta, long[] levels) =>
        Assert.Equal(levels, new Rungs(min, max, eta).Levels);

    [Theory]
    [InlineData(0, 9, 3)]
    [InlineData(9, 3, 3)]
    [InlineData(1, 9, 1)]
    public void Rungs_that_make_no_ladder_are_refused(long min, long max, int eta) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rungs(min, max, eta));

    /// <summary>
    /// Algorithm 2 of Li et al. (2020) by hand, η = 3, rungs at 1, 3, 9, minimising: a rung promotes its top ⌊n/3⌋,
    /// each trial once, higher rungs first, and a good trial that arrives late is still promoted.
    /// </summary>
    [Fact]
    public void Asynchronous_promotes_the_top_third_of_a_rung_as_it_fills()
    {
        var ladder = new AshaLadder(new Rungs(1, 9, 3), ObjectiveGoal.Minimize);
        Record(ladder, 0, (0, 5), (1, 3));
        Assert.Null(ladder.NextPromotion()); // 2 trials: the top third is no one

        Record(ladder, 0, (2, 4));
        Assert.Equal(new Promotion(1, 0, 1), Decide(ladder)); // 3 trials: the best, trial 1
        Assert.Null(ladder.NextPromotion()); // trial 1 is promoted once only: start a new trial

        Record(ladder, 0, (3, 1));
        Assert.Equal(new Promotion(3, 0, 1), Decide(ladder)); // 4 trials, top 1: trial 3 now leads

        Record(ladder, 0, (4, 6), (5, 7));
        Assert.Null(ladder.NextPromotion()); // 6 trials, top 2: trials 3 and 1, both promoted

        Record(ladder, 0, (6, 2));
        Assert.Equal(new Promotion(6, 0, 1), Decide(ladder)); // 7 trials, top 2: trials 3 and 6

        Record(ladder, 1, (1, 2.5), (3, 0.9), (6, 1.5));
        Assert.Equal(new Promotion(3, 1, 2), Decide(ladder)); // the higher rung goes first
        Assert.Null(ladder.NextPromotion());
    }

    [Fact]
    public void Maximising_promotes_the_highest_and_ties_go_to_the_lower_trial_index()
    {
        var ladder = new AshaLadder(new Rungs(1, 9, 3), ObjectiveGoal.Maximize);
        Record(ladder, 0, (7, 0.5), (4, 0.9), (9, 0.9));
        Assert.Equal(new Promotion(4, 0, 1), ladder.NextPromotion());
    }

    [Fact]
    public void A_NaN_value_ranks_last()
    {
        var ladder = new AshaLadder(new Rungs(1, 9, 3), ObjectiveGoal.Minimize);
        Record(ladder, 0, (0, double.NaN), (1, 100), (2, 50));
        Assert.Equal([2L, 1, 0], ladder.Ranked(0));
    }

    [Fact]
    public void Synchronous_waits_for_a_full_rung_then_promotes_its_top_third_best_first()
    {
        var ladder = new AshaLadder(new Rungs(1, 9, 3), ObjectiveGoal.Minimize, bracketSize: 9);
        Assert.Equal([9L, 3, 1], Enumerable.Range(0, 3).Select(ladder.Expected));
        for (var t = 0; t < 8; t++)
        {
            ladder.Record(t, 0, 10 - t);
            Assert.Null(ladder.NextPromotion());
        }
        ladder.Record(8, 0, 2.5);
        Assert.Equal([8L, 7, 6], Drain(ladder).Select(p => p.Trial)); // values 2.5, 3, 4
    }

    [Fact]
    public void Synchronous_decisions_do_not_depend_on_the_order_results_arrive_in()
    {
        var values = Enumerable.Range(0, 27).Select(t => (Trial: (long)t, Value: Math.Sin(t * 1.7) + (t % 4) * 0.01)).ToList();
        var inOrder = Play(values);
        var shuffled = Play(values.OrderBy(v => (v.Trial * 7919) % 27).ToList());
        var reversed = Play(Enumerable.Reverse(values).ToList());
        Assert.Equal(inOrder, shuffled);
        Assert.Equal(inOrder, reversed);
        Assert.Equal(9 + 3, inOrder.Count); // rung 0 keeps 9 of 27, rung 1 keeps 3 of 9 (rung 2 is the top: 27 ≤ R)

        static List<Promotion> Play(List<(long Trial, double Value)> arrivals)
        {
            var ladder = new AshaLadder(new Rungs(1, 27, 3), ObjectiveGoal.Minimize, bracketSize: 27);
            var decided = new List<Promotion>();
            foreach (var (trial, value) in arrivals)
            {
                ladder.Record(trial, 0, value);
                decided.AddRange(Drain(ladder));
            }
            // The promoted trials report at rung 1 with a value derived from their own, in the order they were promoted.
            foreach (var p in decided.ToList())
            {
                ladder.Record(p.Trial, 1, Math.Cos(p.Trial));
                decided.AddRange(Drain(ladder));
            }
            return decided.OrderBy(p => p.From).ThenBy(p => p.Trial).ToList();
        }
    }

    private static void Record(AshaLadder ladder, int rung, params (long Trial, double Value)[] values)
    {
        foreach (var (trial, value) in values) ladder.Record(trial, rung, value);
    }

    private static Promotion Decide(AshaLadder ladder)
    {
        var promotion = ladder.NextPromotion();
        Assert.NotNull(promotion);
        ladder.Promoted(promotion.Trial, promotion.From);
        return promotion;
    }

    private static List<Promotion> Drain(AshaLadder ladder)
    {
        var decided = new List<Promotion>();
        while (ladder.NextPromotion() is { } promotion)
        {
            ladder.Promoted(promotion.Trial, promotion.From);
            decided.Add(promotion);
        }
        return decided;
    }
}
