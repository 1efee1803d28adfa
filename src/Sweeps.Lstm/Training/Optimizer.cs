using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Sweeps.Lstm.Training;

/// <summary>Turns a gradient into a parameter update, in place, over the network's flat parameter vector.</summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradients);

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

/// <summary>SGD with classical or Nesterov momentum (Sutskever et al. 2013, in the form that evaluates the gradient at the parameters).</summary>
public sealed class MomentumSgd<T>(int parameterCount, double learningRate, double momentum, bool nesterov) : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity = new T[parameterCount];
    private readonly T _rate = T.CreateChecked(learningRate);
    private readonly T _momentum = T.CreateChecked(momentum);

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

/// <summary>Adam (Kingma and Ba 2015) with bias correction.</summary>
public sealed class Adam<T>(int parameterCount, double learningRate) : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly T[] _m = new T[parameterCount];
    private readonly T[] _v = new T[parameterCount];
    private int _step;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        _step++;
        var correction1 = 1 - Math.Pow(Beta1, _step);
        var correction2 = 1 - Math.Pow(Beta2, _step);
        var rate = T.CreateChecked(learningRate * Math.Sqrt(correction2) / correction1);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), eps = T.CreateChecked(Epsilon * Math.Sqrt(correction2));
        T c1 = T.One - b1, c2 = T.One - b2;
        for (var p = 0; p < parameters.Length; p++)
        {
            var g = gradients[p];
            var m = _m[p] = b1 * _m[p] + c1 * g;
            var v = _v[p] = b2 * _v[p] + c2 * g * g;
            parameters[p] -= rate * m / (T.Sqrt(v) + eps);
        }
    }
}
