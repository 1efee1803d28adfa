using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;
using Sweeps.Core.Trials;

namespace Sweeps.Core.Sampling;

/// <summary>
/// Quasi-random points: each range or list is one Sobol dimension, in declaration order (lists pick floor(u * count)).
/// Every dimension is XORed with a digital shift derived from the seed: different seeds give different points,
/// and a shift only permutes the dyadic intervals, so each seed's points are as evenly stratified as the plain sequence.
/// </summary>
public sealed class SobolSampler : ISampler
{
    private const ulong ShiftSalt = 0x2545F4914F6CDD1DUL;

    private readonly IReadOnlyList<ParameterSpec> _parameters;
    private readonly ulong[] _shifts;

    public SobolSampler(IReadOnlyList<ParameterSpec> parameters, ulong seed, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var dimensions = DimensionsOf(parameters);
        if (dimensions > MaxDimensions)
            throw new ArgumentException($"sobol supports at most {MaxDimensions} ranges and lists, this space has {dimensions}", nameof(parameters));
        _parameters = parameters;
        _shifts = new ulong[dimensions];
        for (var d = 0; d < dimensions; d++) _shifts[d] = TrialSeed.Derive(seed ^ ShiftSalt, d);
        PointCount = trials;
    }

    /// <summary>How many ranges and lists a sobol sweep may have.</summary>
    public static int MaxDimensions => SobolDirectionNumbers.MaxDimensions;

    public static int DimensionsOf(IReadOnlyList<ParameterSpec> parameters) => parameters.Count(p => p is not ConstantParameter);

    public long PointCount { get; }

    public TrialParameters PointAt(long pointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pointIndex, PointCount);
        var values = new KeyValuePair<string, ParameterValue>[_parameters.Count];
        var dimension = 0;
        for (var p = 0; p < values.Length; p++)
        {
            var parameter = _parameters[p];
            if (parameter is ConstantParameter constant)
            {
                values[p] = new(parameter.Name, constant.Value);
                continue;
            }
            var u = SobolSequence.ToUnit(SobolSequence.Bits(pointIndex, dimension) ^ _shifts[dimension]);
            values[p] = new(parameter.Name, UnitMapping.FromUnit(parameter, u));
            dimension++;
        }
        return new TrialParameters(values);
    }

    /// <summary>The shifted coordinate u in [0, 1) of a point along one dimension, before it becomes a value.</summary>
    internal double UnitAt(long pointIndex, int dimension) =>
        SobolSequence.ToUnit(SobolSequence.Bits(pointIndex, dimension) ^ _shifts[dimension]);
}
