using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Core.Sampling;

/// <summary>Turns a number u in [0, 1) into a value of a range or list, the same way for random and sobol.</summary>
internal static class UnitMapping
{
    public static ParameterValue FromUnit(ParameterSpec parameter, double u) => parameter switch
    {
        ChoiceParameter choice => choice.Values[Math.Min((int)(u * choice.Values.Count), choice.Values.Count - 1)],
        RangeParameter { IsInteger: true } range => ParameterValue.Of(Integer(range, u)),
        RangeParameter range => ParameterValue.Of(Real(range, u)),
        _ => throw new ArgumentException($"parameter '{parameter.Name}' is a constant, not a dimension", nameof(parameter)),
    };

    public static double Real(RangeParameter range, double u)
    {
        var value = range.Scale == RangeScale.Log
            ? Math.Exp(Math.Log(range.Min) + u * (Math.Log(range.Max) - Math.Log(range.Min)))
            : range.Min + u * (range.Max - range.Min);
        return Math.Clamp(value, range.Min, range.Max);
    }

    /// <summary>Uniform over the whole numbers min..max inclusive; for log scale, the floor of a log-uniform draw over [min, max + 1).</summary>
    public static long Integer(RangeParameter range, double u)
    {
        var value = range.Scale == RangeScale.Log
            ? Math.Floor(Math.Exp(Math.Log(range.Min) + u * (Math.Log(range.Max + 1) - Math.Log(range.Min))))
            : Math.Floor(range.Min + u * (range.Max - range.Min + 1));
        return (long)Math.Clamp(value, range.Min, range.Max);
    }
}
