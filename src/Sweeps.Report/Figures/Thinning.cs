namespace Sweeps.Report.Figures;

/// <summary>
/// Keeps a figure's size bounded: at most a given number of items, evenly spread over the list (so every part of a
/// sweep stays represented), always the same ones for the same list.
/// </summary>
internal static class Thinning
{
    public static IReadOnlyList<T> Evenly<T>(IReadOnlyList<T> items, int most)
    {
        if (items.Count <= most) return items;
        var kept = new List<T>(most);
        for (var i = 0; i < most; i++) kept.Add(items[(int)((long)i * items.Count / most)]);
        return kept;
    }
}
