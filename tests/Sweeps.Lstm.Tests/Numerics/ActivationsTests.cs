using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tests.Numerics;

/// <summary>The float32 path has its own vectorised exp: it must agree with Math to float precision over the whole range.</summary>
public class ActivationsTests
{
    private static float[] Points() =>
        Enumerable.Range(-4000, 8001).Select(i => i / 100f).Concat([-1000f, -88.5f, 88.5f, 1000f, 0f, 1e-7f, -1e-7f]).ToArray();

    [Fact]
    public void The_float_sigmoid_agrees_with_the_exact_one()
    {
        var x = Points();
        var y = new float[x.Length];
        Activations.Sigmoid<float>(x, y);
        for (var i = 0; i < x.Length; i++)
            Assert.Equal(1 / (1 + Math.Exp(-(double)x[i])), y[i], 2e-7);
    }

    [Fact]
    public void The_float_tanh_agrees_with_the_exact_one()
    {
        var x = Points();
        var y = new float[x.Length];
        Activations.Tanh<float>(x, y);
        for (var i = 0; i < x.Length; i++)
            Assert.Equal(Math.Tanh(x[i]), y[i], 3e-7);
    }

    [Fact]
    public void The_double_functions_are_exact()
    {
        double[] x = [-3, -0.5, 0, 0.25, 7];
        var s = new double[x.Length];
        var t = new double[x.Length];
        Activations.Sigmoid<double>(x, s);
        Activations.Tanh<double>(x, t);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-x[i])), s[i], 15);
            Assert.Equal(Math.Tanh(x[i]), t[i], 15);
        }
    }
}
