using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>
/// Point i is drawn from a stream seeded by (seed, i) only: one draw per range or list, in declaration order.
/// Lists are uniform choices; ranges are uniform on their scale.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly IReadOnlyList<ParameterSpec> _parameters;
    private readonly ulong _seed;

    public RandomSampler(IReadOnlyList<ParameterSpec> parameters, ulong seed, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        _parameters = parameters;
        _seed = seed;
        PointCount = trials;
    }

    public long PointCount { get; }

    public TrialParameters PointAt(long pointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pointIndex, PointCount);
        var stream = new RandomStream(_seed, pointIndex);
        var values = new KeyValuePair<string, ParameterValue>[_parameters.Count];
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = _parameters[p];
            var value = parameter is ConstantParameter constant ? constant.Value : UnitMapping.FromUnit(parameter, stream.NextUnit());
            values[p] = new(parameter.Name, value);
        }
        return new TrialParameters(values);
    }
}
