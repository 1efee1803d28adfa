using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Sweeps.Lstm.Training;

/// <summary>Turns a gradient into a parameter update, in place, over the network's flat parameter vector.</summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>Writes what the optimizer carries between updates (momentum, moments, step count), for a checkpoint.</summary>
    public abstract void SaveState(BinaryWriter writer);

    /// <summary>Takes back a state written by <see cref="SaveState"/> of an optimizer of the same kind and size.</summary>
    /// <exception cref="InvalidDataException">The state is of another size or damaged.</exception>
    public abstract void RestoreState(BinaryReader reader);

    public static Optimizer<T> Create(OptimizerKind kind, int parameterCount, double learningRate, double momentum) => kind switch
    {
        OptimizerKind.Sgd => new MomentumSgd<T>(parameterCount, learningRate, momentum, nesterov: false),
        OptimizerKind.Nesterov => new MomentumSgd<T>(parameterCount, learningRate, momentum, nesterov: true),
        OptimizerKind.Adam => new Adam<T>(parameterCount, learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Scales the whole gradient down to norm <paramref name="maxNorm"/> when it is longer (Pascanu et al. 2013);
    /// not element-wise clipping. Returns the norm before clipping.
    /// </summary>
    public static T ClipNorm(Span<T> gradients, T maxNorm)
    {
        var norm = TensorPrimitives.Norm<T>(gradients);
        if (maxNorm > T.Zero && norm > maxNorm) TensorPrimitives.Multiply<T>(gradients, maxNorm / norm, gradients);
        return norm;
    }
}
