using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>The values one grid axis takes: a list as written, or a range's steps (endpoints included).</summary>
internal static class GridAxis
{
    /// <summary>A grid axis may not be longer than this: a range's values are held in memory.</summary>
    public const int MaxSteps = 1_000_000;

    public static IReadOnlyList<ParameterValue> ValuesOf(ParameterSpec parameter) => parameter switch
    {
        ChoiceParameter choice => choice.Values,
        RangeParameter range => Steps(range),
        _ => throw new ArgumentException($"parameter '{parameter.Name}' is a constant, not an axis", nameof(parameter)),
    };

    /// <summary>Evenly spaced on the range's scale; int ranges are rounded and repeats after rounding dropped (the values only ever grow).</summary>
    public static IReadOnlyList<ParameterValue> Steps(RangeParameter range)
    {
        if (range.Steps is not { } steps || steps < 2 || steps > MaxSteps)
            throw new ArgumentException($"range '{range.Name}' needs 2 to {MaxSteps} steps for a grid, has {range.Steps?.ToString() ?? "none"}", nameof(range));
        var values = new List<ParameterValue>(steps);
        double? previous = null;
        for (var k = 0; k < steps; k++)
        {
            var value = StepValue(range, k, steps);
            if (range.IsInteger) value = Math.Round(value, MidpointRounding.AwayFromZero);
            if (previous is { } p && value <= p) continue;
            previous = value;
            values.Add(range.IsInteger ? ParameterValue.Of((long)value) : ParameterValue.Of(value));
        }
        return values;
    }

    private static double StepValue(RangeParameter range, int k, int steps)
    {
        if (k == 0) return range.Min;
        if (k == steps - 1) return range.Max;
        var t = (double)k / (steps - 1);
        return range.Scale == RangeScale.Log
            ? Math.Clamp(Math.Exp(Math.Log(range.Min) + t * (Math.Log(range.Max) - Math.Log(range.Min))), range.Min, range.Max)
            : range.Min + t * (range.Max - range.Min);
    }
}
