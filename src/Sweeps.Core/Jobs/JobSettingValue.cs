namespace Sweeps.Core.Jobs;

/// <summary>A job setting as a sweep gives it: its key and its text (one item, when <paramref name="IsList"/> is false).</summary>
public sealed record JobSettingValue(string Name, IReadOnlyList<string> Items, bool IsList)
{
    public static JobSettingValue Text(string name, string text) => new(name, [text], false);

    public static JobSettingValue List(string name, params string[] items) => new(name, items, true);

    /// <summary>The single text of a <see cref="JobSettingShape.Text"/> setting.</summary>
    public string Single() => Items.Count == 1 ? Items[0] : throw new InvalidOperationException($"setting '{Name}' is a list, not one text");

    public bool Equals(JobSettingValue? other) =>
        other is not null && Name == other.Name && IsList == other.IsList && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Name, IsList, Items.Count);
}
