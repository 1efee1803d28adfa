using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sweeps.Report.Figures;

/// <summary>
/// A logarithmic axis in ScottPlot 5: the data are plotted as log10 of their values, and the ticks are labelled with
/// the values themselves (10^k at the major ticks, with log-spaced minor ticks between).
/// </summary>
internal static class LogAxis
{
    public static void Apply(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => Math.Pow(10, exponent).ToString("G4", CultureInfo.InvariantCulture),
        };
    }
}
