using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Sweeps.Lstm.Training;

/// <summary>SGD with classical or Nesterov momentum (Sutskever et al. 2013, in the form that evaluates the gradient at the parameters).</summary>
public sealed class MomentumSgd<T>(int parameterCount, double learningRate, double momentum, bool nesterov) : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity = new T[parameterCount];
    private readonly T _rate = T.CreateChecked(learningRate);
    private readonly T _momentum = T.CreateChecked(momentum);

    public override void SaveState(BinaryWriter writer) => BinaryState.WriteArray<T>(writer, _velocity);

    public override void RestoreState(BinaryReader reader) => BinaryState.ReadArray<T>(reader, _velocity, "momentum");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        var v = _velocity.AsSpan();
        if (!nesterov)
        {
            // v = mu v - lr g; theta += v
            TensorPrimitives.Multiply<T>(v, _momentum, v);
            TensorPrimitives.MultiplyAdd<T>(gradients, -_rate, v, v);
            TensorPrimitives.Add<T>(parameters, v, parameters);
            return;
        }
        // theta += -mu v_old + (1 + mu) v_new, with v_new = mu v_old - lr g
        TensorPrimitives.MultiplyAdd<T>(v, -_momentum, parameters, parameters);
        TensorPrimitives.Multiply<T>(v, _momentum, v);
        TensorPrimitives.MultiplyAdd<T>(gradients, -_rate, v, v);
        TensorPrimitives.MultiplyAdd<T>(v, T.One + _momentum, parameters, parameters);
    }
}
