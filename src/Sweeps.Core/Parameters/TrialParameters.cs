using System.Collections;
using System.Globalization;

namespace Sweeps.Core.Parameters;

/// <summary>The named parameter values one trial runs with, in the order the spec declares them.</summary>
public sealed class TrialParameters : IReadOnlyList<KeyValuePair<string, ParameterValue>>
{
    private readonly KeyValuePair<string, ParameterValue>[] _items;

    public TrialParameters(IEnumerable<KeyValuePair<string, ParameterValue>> items) => _items = items.ToArray();

    public static TrialParameters Empty { get; } = new([]);

    public int Count => _items.Length;

    public KeyValuePair<string, ParameterValue> this[int index] => _items[index];

    public bool TryGet(string name, out ParameterValue value)
    {
        foreach (var item in _items)
        {
            if (item.Key == name)
            {
                value = item.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public bool Contains(string name) => TryGet(name, out _);

    /// <summary>A whole number; a real with no fractional part is accepted.</summary>
    public long GetInteger(string name, long? fallback = null)
    {
        if (!TryGet(name, out var value)) return fallback ?? throw Missing(name);
        if (!value.IsNumeric || value.Number != Math.Floor(value.Number) || double.IsInfinity(value.Number))
            throw new JobParameterException(name, $"must be a whole number, got {value}");
        return (long)value.Number;
    }

    public double GetReal(string name, double? fallback = null)
    {
        if (!TryGet(name, out var value)) return fallback ?? throw Missing(name);
        if (!value.IsNumeric) throw new JobParameterException(name, $"must be a number, got '{value}'");
        return value.Number;
    }

    public string GetText(string name, string? fallback = null)
    {
        if (!TryGet(name, out var value)) return fallback ?? throw Missing(name);
        return value.ToString();
    }

    public bool GetBoolean(string name, bool? fallback = null)
    {
        if (!TryGet(name, out var value)) return fallback ?? throw Missing(name);
        return value.Kind switch
        {
            ParameterKind.Boolean => value.Number != 0,
            ParameterKind.Integer when value.Number is 0 or 1 => value.Number != 0,
            _ => throw new JobParameterException(name, $"must be true or false, got '{value}'"),
        };
    }

    /// <summary>A compact, stable text form: name=value pairs, as shown in logs.</summary>
    public override string ToString() =>
        string.Join(", ", _items.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));

    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ParameterValue>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static JobParameterException Missing(string name) => new(name, "is required but was not given");
}
