using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;
using Sweeps.Core.Trials;

namespace Sweeps.Core.Tests.Trials;

/// <summary>Trial i is point i / replicates, replicate i % replicates, with a seed of its own derived from the sweep's.</summary>
public class TrialPlanTests
{
    [Theory]
    [InlineData("sampler: grid|parameters: {dimension: [1, 2, 3], optimizer: [adam, sgd]}", 6)]
    [InlineData("sampler: random|trials: 5|parameters: {dimension: [1, 2, 3], epsilon: {min: 0, max: 1}}", 5)]
    [InlineData("sampler: sobol|trials: 4|parameters: {dimension: [1, 2, 3], epsilon: {min: 0, max: 1}}", 4)]
    public void Each_trial_maps_to_its_point_replicate_and_seed(string space, long points)
    {
        var spec = Some.Spec($"name: s|job: fake.model|seed: 9|replicates: 3|{space}".Replace('|', '\n'));
        var plan = new TrialPlan(spec);
        var sampler = SamplerFactory.Create(spec);

        Assert.Equal(points * 3, plan.TrialCount);
        Assert.Equal(plan.TrialCount, spec.TrialCount);
        for (long i = 0; i < plan.TrialCount; i++)
        {
            var trial = plan.At(i);
            Assert.Equal((i, i / 3, (int)(i % 3), TrialSeed.Derive(9, i)), (trial.Index, trial.Point, trial.Replicate, trial.Seed));
            Assert.Equal(sampler.PointAt(i / 3).ToString(), trial.Parameters.ToString());
        }
    }

    [Fact]
    public void Replicates_of_a_point_share_its_parameters_but_not_their_seeds()
    {
        var plan = new TrialPlan(Some.Spec("name: s\njob: fake.model\nreplicates: 4\nparameters: {dimension: [5, 6]}\n"));

        var replicates = Enumerable.Range(4, 4).Select(i => plan.At(i)).ToList();

        Assert.Single(replicates.Select(t => t.Parameters.ToString()).Distinct());
        Assert.Equal(4, replicates.Select(t => t.Seed).Distinct().Count());
        Assert.Equal(8, Enumerable.Range(0, 8).Select(i => plan.At(i).Seed).Distinct().Count());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void A_trial_outside_the_plan_is_refused(long index)
    {
        var plan = new TrialPlan(Some.Spec("name: s\njob: fake.model\nreplicates: 4\nparameters: {dimension: [5, 6]}\n"));

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.At(index));
    }
}
