using Sweeps.Lstm.Model;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Model;

/// <summary>Centred finite differences in float64 against full BPTT, for every variant (science.md section 2).</summary>
public class GradientCheckTests
{
    public static TheoryData<LstmVariant, int, OutputKind, int> Cases()
    {
        var data = new TheoryData<LstmVariant, int, OutputKind, int>();
        foreach (var variant in LstmVariants.All)
        {
            data.Add(variant, 1, OutputKind.Linear, 4);
            data.Add(variant, 2, OutputKind.Softmax, 4);
            data.Add(variant, 1, OutputKind.Sigmoid, 8);
        }
        data.Add(LstmVariant.Vanilla, 3, OutputKind.Sigmoid, 4);
        data.Add(LstmVariant.Fgr, 2, OutputKind.Sigmoid, 4);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backpropagation_through_time_matches_finite_differences(LstmVariant variant, int layers, OutputKind output, int hidden)
    {
        const int batch = 2, steps = 6;
        var shape = new NetworkShape(variant, Inputs: 3, hidden, layers, Outputs: 3, output);
        var network = Some.Network<double>(shape, batch, steps, seed: 11);
        var data = Some.Batch<double>(shape, batch, steps, seed: 12);
        Some.RandomInitialState(network, batch, seed: 13);

        network.Forward(data);
        network.Backward();
        var analytic = (double[])network.Gradients.Clone();

        var numeric = new double[analytic.Length];
        const double eps = 1e-5;
        for (var p = 0; p < numeric.Length; p++)
        {
            var saved = network.Parameters[p];
            network.Parameters[p] = saved + eps;
            var plus = network.Forward(data);
            network.Parameters[p] = saved - eps;
            var minus = network.Forward(data);
            network.Parameters[p] = saved;
            numeric[p] = (plus - minus) / (2 * eps);
        }

        double diff = 0, sum = 0;
        for (var p = 0; p < numeric.Length; p++)
        {
            diff += Math.Pow(analytic[p] - numeric[p], 2);
            sum += Math.Pow(analytic[p] + numeric[p], 2);
        }
        var relative = Math.Sqrt(diff) / Math.Sqrt(sum);
        Assert.True(relative < 1e-6, $"{variant.Name()}, {layers} layer(s): relative error {relative:E2}");
        Assert.True(analytic.Count(g => g != 0) > analytic.Length * 0.9, "most gradients should be non-zero");
    }
}
