namespace Sweeps.Core.Spec;

/// <summary>
/// What changed between a stored spec and a proposed one, a line per field in canonical form
/// (<c>seed: stored 42, now 43</c>); empty exactly when the fingerprints agree. Where a spec came from does not count.
/// </summary>
public static class SpecDiff
{
    private const string Absent = "(none)";

    public static IReadOnlyList<string> Between(SweepSpec stored, SweepSpec proposed)
    {
        var before = SpecText.Fields(stored);
        var after = SpecText.Fields(proposed);
        var afterByField = after.ToDictionary(f => f.Field, f => f.Value);
        var beforeByField = before.ToDictionary(f => f.Field, f => f.Value);
        var lines = new List<string>();
        foreach (var (field, value) in before)
        {
            var now = afterByField.GetValueOrDefault(field, Absent);
            if (field == "parameters")
            {
                // The order decides the points; only worth a line when the same names are declared in another order.
                if (value != now && SameNames(stored, proposed)) lines.Add($"parameters: stored order {value}, now {now}");
                continue;
            }
            if (value != now) lines.Add($"{field}: stored {value}, now {now}");
        }
        foreach (var (field, value) in after)
            if (!beforeByField.ContainsKey(field)) lines.Add($"{field}: stored {Absent}, now {value}");
        return lines;
    }

    private static bool SameNames(SweepSpec a, SweepSpec b) =>
        a.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal)
            .SequenceEqual(b.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
}
