using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tests.Support;

/// <summary>Small random networks and batches for the tests.</summary>
public static class Some
{
    public static LstmNetwork<T> Network<T>(NetworkShape shape, int batch, int steps, ulong seed = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new LstmNetwork<T>(shape, batch, steps);
        network.Initialize(new Rng(seed));
        return network;
    }

    /// <summary>A batch with random inputs and targets fitting the output kind, every step carrying a target.</summary>
    public static SequenceBatch<T> Batch<T>(NetworkShape shape, int batch, int steps, ulong seed = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var data = new SequenceBatch<T>(shape.Inputs, shape.Outputs, batch, steps);
        data.Resize(batch, steps);
        for (var i = 0; i < data.Inputs.Length; i++) data.Inputs[i] = T.CreateChecked(rng.Uniform(-1, 1));
        for (var t = 0; t < steps; t++)
        {
            data.LossSteps[t] = true;
            for (var b = 0; b < batch; b++)
            {
                var target = data.Target(t, b);
                var hot = rng.NextInt(shape.Outputs);
                for (var k = 0; k < shape.Outputs; k++)
                    target[k] = T.CreateChecked(shape.Output switch
                    {
                        OutputKind.Linear => rng.Uniform(-1, 1),
                        OutputKind.Softmax => k == hot ? 1.0 : 0.0,
                        _ => rng.NextBool() ? 1.0 : 0.0,
                    });
            }
        }
        return data;
    }

    /// <summary>Random non-zero initial cell state and output in every layer.</summary>
    public static void RandomInitialState<T>(LstmNetwork<T> network, int batch, ulong seed = 3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        foreach (var layer in network.Layers)
        {
            var cell = new T[batch * layer.Cells];
            var output = new T[batch * layer.Cells];
            for (var i = 0; i < cell.Length; i++)
            {
                cell[i] = T.CreateChecked(rng.Uniform(-1, 1));
                output[i] = T.CreateChecked(rng.Uniform(-0.5, 0.5));
            }
            layer.SetInitialState(cell, output);
        }
    }
}
