using System.Runtime.CompilerServices;

namespace Sweeps.Lstm.Training;

/// <summary>Adam (Kingma and Ba 2015) with bias correction.</summary>
public sealed class Adam<T>(int parameterCount, double learningRate) : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly T[] _m = new T[parameterCount];
    private readonly T[] _v = new T[parameterCount];
    private int _step;

    public override void SaveState(BinaryWriter writer)
    {
        writer.Write(_step);
        BinaryState.WriteArray<T>(writer, _m);
        BinaryState.WriteArray<T>(writer, _v);
    }

    public override void RestoreState(BinaryReader reader)
    {
        var step = reader.ReadInt32();
        if (step < 0) throw new InvalidDataException($"an Adam step count of {step}");
        BinaryState.ReadArray<T>(reader, _m, "Adam first moments");
        BinaryState.ReadArray<T>(reader, _v, "Adam second moments");
        _step = step;
    }

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
