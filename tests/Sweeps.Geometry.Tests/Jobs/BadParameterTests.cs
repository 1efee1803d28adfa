using Sweeps.Core.Parameters;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.Jobs;

public class BadParameterTests
{
    private const string Days = "a larger request would run for days on one core; split it into replicates";

    [Theory]
    [InlineData("geometry.angles", "pairs=10", "parameter 'dimension' is required but was not given")]
    [InlineData("geometry.angles", "dimension=0", "parameter 'dimension' must be between 1 and 1000000, got 0")]
    [InlineData("geometry.angles", "dimension=-3", "parameter 'dimension' must be between 1 and 1000000, got -3")]
    [InlineData("geometry.angles", "dimension=2.5", "parameter 'dimension' must be a whole number, got 2.5")]
    [InlineData("geometry.angles", "dimension=2000000", "parameter 'dimension' must be between 1 and 1000000, got 2000000")]
    [InlineData("geometry.angles", "dimension=3, bins=0", "parameter 'bins' must be between 1 and 3600 (the histogram travels in one result message), got 0")]
    [InlineData("geometry.angles", "dimension=3, pairs=0", "parameter 'pairs' must be between 1 and 1000000000000 (" + Days + "), got 0")]
    [InlineData("geometry.ball-in-cube", "dimension=3, samples=-5", "parameter 'samples' must be between 1 and 1000000000000 (" + Days + "), got -5")]
    [InlineData("geometry.ball-in-cube", "dimension=3, samples=1000000000000000", "parameter 'samples' must be between 1 and 1000000000000 (" + Days + "), got 1000000000000000")]
    [InlineData("geometry.shell-fraction", "dimension=3, epsilon=0", "parameter 'epsilon' must be strictly between 0 and 1, got 0")]
    [InlineData("geometry.shell-fraction", "dimension=3, epsilon=1", "parameter 'epsilon' must be strictly between 0 and 1, got 1")]
    [InlineData("geometry.shell-fraction", "dimension=3, epsilon=1.5", "parameter 'epsilon' must be strictly between 0 and 1, got 1.5")]
    [InlineData("geometry.shell-fraction", "dimension=3, epsilon=-0.1", "parameter 'epsilon' must be strictly between 0 and 1, got -0.1")]
    [InlineData("geometry.shell-fraction", "dimension=3, samples=-1", "parameter 'samples' must be between 1 and 1000000000000 (" + Days + "), got -1")]
    [InlineData("geometry.grid-occupancy", "dimension=3, bins=0", "parameter 'bins' must be between 1 and 1000000, got 0")]
    [InlineData("geometry.grid-occupancy", "dimension=3, points=100000000", "parameter 'points' must be between 1 and 5000000 (the table of occupied cells holds one entry per point), got 100000000")]
    [InlineData("geometry.distance-concentration", "dimension=3, queries=1", "parameter 'queries' must be between 2 and 1000000000000 (a standard error needs two queries), got 1")]
    [InlineData("geometry.distance-concentration", "dimension=3, points=1", "parameter 'points' must be between 2 and 1000000000000 (a contrast needs a nearest and a farthest point), got 1")]
    [InlineData("geometry.distance-concentration", "dimension=3, points=1000000, queries=10000000", "parameter 'points' times 'queries' must be at most 1000000000000 (" + Days + "), got 1000000 x 10000000")]
    [InlineData("geometry.knn", "dimension=10, informative=11", "parameter 'informative' must be between 1 and 10 (at most dimension, which is 10), got 11")]
    [InlineData("geometry.knn", "dimension=10, informative=0", "parameter 'informative' must be between 1 and 10 (at most dimension, which is 10), got 0")]
    [InlineData("geometry.knn", "dimension=10, train=100, k=101", "parameter 'k' must be between 1 and 100 (at most train, which is 100), got 101")]
    [InlineData("geometry.knn", "dimension=10, k=0", "parameter 'k' must be between 1 and 200 (at most train, which is 200), got 0")]
    [InlineData("geometry.knn", "dimension=10000, train=5000", "parameter 'train' must be between 1 and 2500 (the training set is held in memory: train x dimension at most 25000000), got 5000")]
    [InlineData("geometry.knn", "dimension=10, separation=0", "parameter 'separation' must be above 0 and at most 100, got 0")]
    public void A_bad_parameter_fails_the_trial_with_a_clear_message(string kind, string parameters, string message)
    {
        var error = Assert.Throws<JobParameterException>(() => Trial.Run(kind, parameters));
        Assert.Equal(message, error.Message);
    }
}
