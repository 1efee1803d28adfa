using Sweeps.Lstm.Model;

namespace Sweeps.Lstm.Tests.Model;

/// <summary>One cell, one input, two steps, every number worked out from the equations of science.md section 2.</summary>
public class ForwardByHandTests
{
    // W = (z, i, f, o) for the input, R = (z, i, f, o) for the recurrence, b, then peepholes (i, f, o).
    private static readonly double[] W = [0.5, 0.2, -0.3, 0.1], R = [0.4, -0.1, 0.2, 0.3], B = [0.1, 0.0, 1.0, -0.2], P = [0.3, -0.2, 0.5];

    // Step 1, x = 1, c_0 = y_0 = 0:
    //   z = tanh(0.5 + 0.1) = 0.53705          i = s(0.2) = 0.54983          f = s(-0.3 + 1) = 0.66819
    //   c = z i = 0.29529                      o = s(0.1 + 0.5 c - 0.2) = 0.51191 (peeks at the new c)
    //   y = tanh(c) o = 0.14692
    // Step 2, x = -0.5:
    //   z = tanh(-0.25 + 0.4 y1 + 0.1) = -0.09098      i = s(-0.1 - 0.1 y1 + 0.3 c1) = 0.49347
    //   f = s(0.15 + 0.2 y1 - 0.2 c1 + 1) = 0.75405   c = z i + c1 f = 0.17776
    //   o = s(-0.05 + 0.3 y1 + 0.5 c - 0.2) = 0.47077  y = tanh(c) o = 0.08282
    [Theory]
    [InlineData(0, 0.5370495669980353, 0.549833997312478, 0.6681877721681662, 0.5119087611604312, 0.2952881101774652, 0.14691509772853512)]
    [InlineData(1, -0.09098166812357147, 0.49347410141896514, 0.7540490693573467, 0.4707725689757407, 0.17776462774872936, 0.0828162047585068)]
    public void The_vanilla_cell_computes_the_papers_equations(int step, double z, double i, double f, double o, double c, double y)
    {
        var network = new LstmNetwork<double>(new NetworkShape(LstmVariant.Vanilla, 1, 1, 1, 1, OutputKind.Linear), 1, 2);
        var layer = network.Layers[0];
        for (var g = 0; g < 4; g++)
        {
            layer.Weights[g] = W[g];
            layer.Weights[4 + g] = R[g];
            layer.Biases[g] = B[g];
        }
        P.CopyTo(layer.Peepholes);
        network.Parameters[^2] = 2.0;  // output weight
        network.Parameters[^1] = 0.25; // output bias

        var batch = new SequenceBatch<double>(1, 1, 1, 2);
        batch.Resize(1, 2);
        batch.Inputs[0] = 1.0;
        batch.Inputs[1] = -0.5;
        batch.LossSteps[0] = batch.LossSteps[1] = true;
        network.Forward(batch);

        var gates = layer.GateActivations(step, 0);
        Assert.Equal(z, gates[0], 12);
        Assert.Equal(i, gates[1], 12);
        Assert.Equal(f, gates[2], 12);
        Assert.Equal(o, gates[3], 12);
        Assert.Equal(c, layer.CellState(step, 0)[0], 12);
        Assert.Equal(y, layer.Outputs[step], 12);
        Assert.Equal(2.0 * y + 0.25, network.Predictions[step], 12);
    }
}
