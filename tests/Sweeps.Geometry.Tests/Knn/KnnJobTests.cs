using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.Knn;

public class KnnJobTests
{
    [Theory]
    // dimension, accuracy range: near Bayes (0.983) with 2 informative of 2, near chance when noise swamps them
    [InlineData(2, 0.93, 1.0)]
    [InlineData(10, 0.85, 1.0)]
    [InlineData(5000, 0.40, 0.62)]
    public void Accuracy_falls_towards_chance_as_noise_dimensions_are_added(int dimension, double low, double high)
    {
        var m = Trial.Run("geometry.knn", $"dimension={dimension}, train=200, test=400, k=5").Metrics;

        Assert.InRange(m["accuracy"], low, high);
        Assert.Equal(0.5, m["chance"]);
        Assert.Equal(Math.Sqrt(m["accuracy"] * (1 - m["accuracy"]) / 400), m["stderr"], 1e-12);
        Assert.Equal(0.9831, m["bayes_accuracy"], 1e-3);
    }

    [Fact]
    public void More_informative_coordinates_help()
    {
        var two = Trial.Run("geometry.knn", "dimension=200, informative=2, train=200, test=400").Metrics["accuracy"];
        var twenty = Trial.Run("geometry.knn", "dimension=200, informative=20, train=200, test=400").Metrics["accuracy"];
        Assert.True(twenty > two + 0.1, $"informative=20 gave {twenty}, informative=2 gave {two}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(200)]
    public void Any_k_up_to_the_training_set_votes(int k)
    {
        var m = Trial.Run("geometry.knn", $"dimension=2, train=200, test=200, k={k}").Metrics;
        Assert.InRange(m["accuracy"], k == 200 ? 0.3 : 0.85, 1.0);
    }
}
