using Sweeps.Lstm.Model;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Model;

/// <summary>What each variant removes or adds, seen in its parameters and its gates.</summary>
public class VariantTests
{
    // D = 3 inputs, H = 4 cells: gates x H x (D + H) weights, gates x H biases, one H-vector per peephole, 9 H^2 for FGR.
    [Theory]
    [InlineData(LstmVariant.Vanilla, 4, 3, 4 * 4 * 7 + 16 + 12)]
    [InlineData(LstmVariant.Nig, 3, 2, 3 * 4 * 7 + 12 + 8)]
    [InlineData(LstmVariant.Nfg, 3, 2, 3 * 4 * 7 + 12 + 8)]
    [InlineData(LstmVariant.Nog, 3, 2, 3 * 4 * 7 + 12 + 8)]
    [InlineData(LstmVariant.Niaf, 4, 3, 4 * 4 * 7 + 16 + 12)]
    [InlineData(LstmVariant.Noaf, 4, 3, 4 * 4 * 7 + 16 + 12)]
    [InlineData(LstmVariant.Cifg, 3, 2, 3 * 4 * 7 + 12 + 8)]
    [InlineData(LstmVariant.Np, 4, 0, 4 * 4 * 7 + 16)]
    [InlineData(LstmVariant.Fgr, 4, 3, 4 * 4 * 7 + 16 + 12 + 9 * 16)]
    public void Each_variant_has_the_parameters_its_equations_need(LstmVariant variant, int gates, int peepholes, int parameters)
    {
        var layout = new GateLayout(variant);
        Assert.Equal(gates, layout.GateCount);
        Assert.Equal(peepholes, layout.PeepholeSlots.Length);
        Assert.Equal(parameters, layout.ParameterCount(inputs: 3, cells: 4));
    }

    [Theory]
    [InlineData(LstmVariant.Nig, GateLayout.I)]
    [InlineData(LstmVariant.Nfg, GateLayout.F)]
    [InlineData(LstmVariant.Nog, GateLayout.O)]
    public void A_removed_gate_is_always_open(LstmVariant variant, int slot)
    {
        var (network, _) = RunRandom(variant);
        for (var t = 0; t < 5; t++)
            Assert.All(network.Layers[0].GateActivations(t, 1).Slice(slot * 4, 4).ToArray(), g => Assert.Equal(1.0, g));
    }

    [Fact]
    public void The_coupled_forget_gate_is_one_minus_the_input_gate()
    {
        var (network, _) = RunRandom(LstmVariant.Cifg);
        for (var t = 0; t < 5; t++)
        {
            var gates = network.Layers[0].GateActivations(t, 0);
            for (var k = 0; k < 4; k++) Assert.Equal(1 - gates[4 + k], gates[8 + k], 15);
        }
    }

    [Theory]
    [InlineData(LstmVariant.Np)]
    [InlineData(LstmVariant.Fgr)]
    public void Vanilla_with_zero_peepholes_is_NP_and_with_zero_gate_recurrence_is_FGR(LstmVariant other)
    {
        var (vanilla, batch) = RunRandom(LstmVariant.Vanilla);
        var network = Some.Network<double>(Shape(other), 2, 5);
        var layer = network.Layers[0];
        var source = vanilla.Layers[0];
        source.Weights.CopyTo(layer.Weights);
        source.Biases.CopyTo(layer.Biases);
        if (other == LstmVariant.Np) source.Peepholes.Clear();
        else
        {
            source.Peepholes.CopyTo(layer.Peepholes);
            layer.GateRecurrence.Clear();
        }
        vanilla.Parameters.AsSpan(^vanilla.Output.ParameterCount..).CopyTo(network.Parameters.AsSpan(^network.Output.ParameterCount..));
        Assert.Equal(other == LstmVariant.Np ? 0 : 9 * 16, layer.GateRecurrence.Length);

        var expected = vanilla.Forward(batch);
        var actual = network.Forward(batch);
        Assert.Equal(expected, actual, 14);
        Assert.Equal(vanilla.Predictions.ToArray(), network.Predictions.ToArray());
    }

    private static NetworkShape Shape(LstmVariant variant) => new(variant, 3, 4, 1, 2, OutputKind.Softmax);

    private static (LstmNetwork<double> Network, SequenceBatch<double> Batch) RunRandom(LstmVariant variant)
    {
        var network = Some.Network<double>(Shape(variant), 2, 5);
        var batch = Some.Batch<double>(Shape(variant), 2, 5);
        network.Forward(batch);
        return (network, batch);
    }
}
