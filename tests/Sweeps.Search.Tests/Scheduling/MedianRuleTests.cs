using Sweeps.Core.Spec;
using Sweeps.Search.Scheduling;

namespace Sweeps.Search.Tests.Scheduling;

public sealed class MedianRuleTests
{
    private static readonly double[] FinishedAtStep3 = [1, 2, 3, 4, 5]; // median 3

    [Theory]
    [InlineData(3.2, true)] // best so far 3.2 is worse than the median 3
    [InlineData(2.9, false)]
    [InlineData(3.0, false)] // equal to the median is not worse
    public void Minimising_stops_a_trial_whose_best_so_far_is_worse_than_the_median(double atStep3, bool stops)
    {
        var history = new Dictionary<long, double> { [1] = 4, [2] = 3.5, [3] = atStep3 };
        Assert.Equal(stops, new MedianRule(ObjectiveGoal.Minimize).ShouldStop(history, 3, FinishedAtStep3, finished: 5));
    }

    [Fact]
    public void The_best_so_far_counts_not_the_latest()
    {
        var history = new Dictionary<long, double> { [1] = 2.5, [2] = 3.5, [3] = 3.9 };
        Assert.False(new MedianRule(ObjectiveGoal.Minimize).ShouldStop(history, 3, FinishedAtStep3, finished: 5));
    }

    [Fact]
    public void Maximising_mirrors_it()
    {
        var history = new Dictionary<long, double> { [1] = 1, [3] = 2.5 };
        Assert.True(new MedianRule(ObjectiveGoal.Maximize).ShouldStop(history, 3, FinishedAtStep3, finished: 5));
        history[3] = 3.5;
        Assert.False(new MedianRule(ObjectiveGoal.Maximize).ShouldStop(history, 3, FinishedAtStep3, finished: 5));
    }

    [Theory]
    [InlineData(4, 5, false)] // within the warm-up
    [InlineData(0, 4, false)] // fewer finished trials than the start-up needs
    [InlineData(0, 5, true)]
    public void Nothing_is_stopped_during_the_warm_up_or_before_enough_trials_finished(long warmup, int finished, bool stops)
    {
        var history = new Dictionary<long, double> { [3] = 10 };
        Assert.Equal(stops, new MedianRule(ObjectiveGoal.Minimize, WarmupSteps: warmup).ShouldStop(history, 3, FinishedAtStep3, finished));
    }

    [Fact]
    public void With_no_finished_trial_at_this_step_nothing_is_stopped_and_a_trial_of_only_NaN_is()
    {
        var rule = new MedianRule(ObjectiveGoal.Minimize);
        Assert.False(rule.ShouldStop(new Dictionary<long, double> { [3] = 10 }, 3, [], finished: 9));
        Assert.True(rule.ShouldStop(new Dictionary<long, double> { [3] = double.NaN }, 3, FinishedAtStep3, finished: 5));
    }
}
