namespace Sweeps.Report;

/// <summary>The page's few styles, inline so the file needs nothing else.</summary>
internal static class PageStyle
{
    public const string Css =
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}" +
        "h1{margin-bottom:.2em;word-break:break-all}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}" +
        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .6em}th{background:#f4f4f4}" +
        "td.num{text-align:right;font-variant-numeric:tabular-nums}" +
        "pre{background:#f7f7f7;padding:1em;overflow:auto;max-height:30em}" +
        "figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;display:block}" +
        "figcaption{color:#444;margin:.3em 0}.note{color:#777;font-size:.9em}footer{margin-top:3em;color:#888;font-size:.85em}";
}
