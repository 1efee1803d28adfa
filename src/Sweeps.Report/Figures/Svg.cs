using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Sweeps.Report.Figures;

/// <summary>A ScottPlot plot as SVG to inline in HTML: no XML declaration, scaled to the page's width by a viewBox.</summary>
internal static partial class Svg
{
    public const int Width = 640;
    public const int Height = 400;

    public static string Of(Plot plot, int width = Width, int height = Height)
    {
        var xml = plot.GetSvgXml(width, height);
        xml = XmlDeclaration().Replace(xml, "");
        // Skia writes 8 significant digits for every coordinate; 2 decimals is a hundredth of a pixel and a third of the size.
        // Only inside attribute values: a tick label such as 0.00012 is text and stays as it is.
        xml = AttributeValue().Replace(xml, a => LongDecimals().Replace(a.Value,
            m => double.Parse(m.Value, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture)));
        var at = xml.IndexOf("<svg ", StringComparison.Ordinal);
        return xml[..at] + $"<svg viewBox=\"0 0 {width} {height}\" " + xml[(at + 5)..];
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("=\"[^\"]*\"")]
    private static partial Regex AttributeValue();

    [GeneratedRegex(@"(?<![\w#.])-?\d+\.\d{3,}")]
    private static partial Regex LongDecimals();
}
