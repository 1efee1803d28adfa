using Sweeps.Lstm.Training;

namespace Sweeps.Lstm.Tests.Training;

public class OptimizerTests
{
    [Theory]
    [InlineData(new[] { 3.0, 4.0 }, 1.0, new[] { 0.6, 0.8 })]
    [InlineData(new[] { 3.0, 4.0 }, 10.0, new[] { 3.0, 4.0 })]
    [InlineData(new[] { 3.0, 4.0 }, 0.0, new[] { 3.0, 4.0 })]
    public void Norm_clipping_rescales_the_whole_gradient_not_each_element(double[] gradient, double maxNorm, double[] expected)
    {
        var norm = Optimizer<double>.ClipNorm(gradient, maxNorm);
        Assert.Equal(5.0, norm, 12);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], gradient[i], 12);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Nesterov)]
    [InlineData(OptimizerKind.Adam)]
    public void Each_optimizer_finds_the_bottom_of_a_bowl(OptimizerKind kind)
    {
        // f(x) = sum (x_i - i)^2 / 2, gradient x_i - i.
        var x = new double[4];
        var gradient = new double[4];
        var optimizer = Optimizer<double>.Create(kind, 4, kind == OptimizerKind.Adam ? 0.1 : 0.05, 0.9);
        for (var step = 0; step < 2000; step++)
        {
            for (var i = 0; i < 4; i++) gradient[i] = x[i] - i;
            optimizer.Update(x, gradient);
        }
        for (var i = 0; i < 4; i++) Assert.Equal(i, x[i], 3);
    }
}
