using System.Runtime.CompilerServices;
using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;
using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Training;

/// <summary>Copies sequences of a split into a time-major batch, adding Gaussian input noise when training.</summary>
public static class BatchFiller
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill<T>(SequenceBatch<T> batch, TaskSplit split, Func<int, int> sequenceAt, int size, double noise, Rng? rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        batch.Resize(size, split.Steps);
        split.LossSteps.CopyTo(batch.LossSteps, 0);
        int d = batch.InputSize, k = batch.OutputSize;
        for (var b = 0; b < size; b++)
        {
            var sequence = split.Sequences[sequenceAt(b)];
            for (var t = 0; t < split.Steps; t++)
            {
                var input = batch.Input(t, b);
                for (var j = 0; j < d; j++)
                {
                    var value = sequence.Inputs[t * d + j];
                    if (noise > 0 && rng is not null) value += noise * rng.Normal();
                    input[j] = T.CreateChecked(value);
                }
                var target = batch.Target(t, b);
                for (var j = 0; j < k; j++) target[j] = T.CreateChecked(sequence.Targets[t * k + j]);
            }
        }
    }
}
