using Sweeps.Core.Parameters;
using Sweeps.Core.Spec;

namespace Sweeps.Report;

/// <summary>
/// How the report shows one varying parameter of a sweep: on a number line (logarithmic for log ranges and for numeric
/// choices spanning two decades or more) or as categories, and how the importance forest sees it.
/// </summary>
internal sealed record ParameterAxis(string Name, bool IsNumeric, bool IsLog, IReadOnlyList<string> Choices, (double Low, double High) ForestDomain)
{
    /// <summary>The parameters that vary: constants are left out (they explain nothing).</summary>
    public static IReadOnlyList<ParameterAxis> For(SweepSpec spec) => spec.Parameters.Select(For).OfType<ParameterAxis>().ToList();

    private static ParameterAxis? For(ParameterSpec parameter) => parameter switch
    {
        RangeParameter r when r.Scale == RangeScale.Log && r.Min > 0 => new(r.Name, true, true, [], (Math.Log10(r.Min), Math.Log10(r.Max))),
        RangeParameter r when r.Max > r.Min => new(r.Name, true, false, [], (r.Min, r.Max)),
        ChoiceParameter c when c.Values.Count > 1 => new(
            c.Name,
            c.Values.All(v => v.IsNumeric),
            c.Values.All(v => v.IsNumeric && v.Number > 0) && c.Values.Max(v => v.Number) / c.Values.Min(v => v.Number) >= 100,
            c.Values.Select(v => v.ToString()).ToList(),
            // choices by their index, each owning a unit of the range: uniform over it is each choice equally often
            (-0.5, c.Values.Count - 0.5)),
        _ => null,
    };

    /// <summary>The value on the figure's axis (log10 on a log axis); null when the trial has no usable value.</summary>
    public double? Plotted(TrialParameters parameters)
    {
        if (!parameters.TryGet(Name, out var value) || !value.IsNumeric || !double.IsFinite(value.Number)) return null;
        if (!IsLog) return value.Number;
        return value.Number > 0 ? Math.Log10(value.Number) : null;
    }

    /// <summary>The value the importance forest is fitted on: the log10 for log ranges, the index for choices.</summary>
    public double? ForForest(TrialParameters parameters)
    {
        if (!parameters.TryGet(Name, out var value)) return null;
        if (Choices.Count > 0)
        {
            var text = value.ToString();
            for (var i = 0; i < Choices.Count; i++)
                if (Choices[i] == text) return i;
            return null;
        }
        return Plotted(parameters);
    }

    /// <summary>A value on the forest's scale back on the parameter's own: 10^x for log ranges.</summary>
    public double FromForest(double x) => IsLog && Choices.Count == 0 ? Math.Pow(10, x) : x;
}
