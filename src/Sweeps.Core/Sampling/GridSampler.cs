using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>
/// Every combination of the axes exactly once. Point i is i written in mixed radix, one digit per axis;
/// the last-declared axis varies fastest, as in nested loops written in declaration order.
/// </summary>
public sealed class GridSampler : ISampler
{
    private readonly IReadOnlyList<ParameterSpec> _parameters;
    private readonly IReadOnlyList<ParameterValue>?[] _axes;

    /// <exception cref="OverflowException">The grid has more points than a long can count.</exception>
    public GridSampler(IReadOnlyList<ParameterSpec> parameters)
    {
        _parameters = parameters;
        _axes = new IReadOnlyList<ParameterValue>?[parameters.Count];
        long count = 1;
        for (var p = 0; p < parameters.Count; p++)
        {
            if (parameters[p] is ConstantParameter) continue;
            var axis = GridAxis.ValuesOf(parameters[p]);
            if (axis.Count == 0) throw new ArgumentException($"parameter '{parameters[p].Name}' has no values", nameof(parameters));
            _axes[p] = axis;
            count = checked(count * axis.Count);
        }
        PointCount = count;
    }

    public long PointCount { get; }

    public TrialParameters PointAt(long pointIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pointIndex, PointCount);
        var values = new KeyValuePair<string, ParameterValue>[_parameters.Count];
        var rest = pointIndex;
        for (var p = values.Length - 1; p >= 0; p--)
        {
            var parameter = _parameters[p];
            if (_axes[p] is { } axis)
            {
                values[p] = new(parameter.Name, axis[(int)(rest % axis.Count)]);
                rest /= axis.Count;
            }
            else
            {
                values[p] = new(parameter.Name, ((ConstantParameter)parameter).Value);
            }
        }
        return new TrialParameters(values);
    }
}
