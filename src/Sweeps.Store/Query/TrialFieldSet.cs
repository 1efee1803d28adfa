namespace Sweeps.Store.Query;

/// <summary>
/// The names a sweep's trials answer to: the trial columns, the parameters, the metrics. A parameter and a metric
/// of the same name are told apart as <c>param.NAME</c> and <c>metric.NAME</c> (the bare name is the parameter).
/// </summary>
public sealed class TrialFieldSet
{
    public const string ParameterPrefix = "param.";
    public const string MetricPrefix = "metric.";

    private readonly Dictionary<string, TrialField> _fields = new(StringComparer.Ordinal);
    /// <summary>The names to show a person: columns, parameters, metrics (prefixed where the bare name is taken).</summary>
    public IReadOnlyList<string> Names { get; private set; } = [];

    public static TrialFieldSet For(IEnumerable<string> parameters, IEnumerable<string> metrics)
    {
        var set = new TrialFieldSet();
        var names = new List<string>();
        foreach (var column in TrialFields.Columns) Add(column, TrialField.Column(column));
        foreach (var parameter in parameters)
        {
            set._fields.TryAdd(ParameterPrefix + parameter, new(ParameterPrefix + parameter, FieldSource.Parameter, parameter));
            Add(parameter, new(parameter, FieldSource.Parameter, parameter), ParameterPrefix);
        }
        foreach (var metric in metrics)
        {
            set._fields.TryAdd(MetricPrefix + metric, new(MetricPrefix + metric, FieldSource.Metric, metric));
            Add(metric, new(metric, FieldSource.Metric, metric), MetricPrefix);
        }
        set.Names = names;
        return set;

        void Add(string name, TrialField field, string? prefix = null)
        {
            if (set._fields.TryAdd(name, field)) names.Add(name);
            else if (prefix is not null) names.Add(prefix + name);
        }
    }

    /// <summary>Known names only, without saying which are parameters and which metrics (looked up trial by trial).</summary>
    public static TrialFieldSet Of(IEnumerable<string> names)
    {
        var set = new TrialFieldSet();
        var list = new List<string>();
        foreach (var name in names.Distinct())
        {
            set._fields[name] = TrialFields.Columns.Contains(name) ? TrialField.Column(name) : new(name, FieldSource.ParameterOrMetric, name);
            list.Add(name);
        }
        set.Names = list;
        return set;
    }

    public bool TryResolve(string name, out TrialField field)
    {
        if (_fields.TryGetValue(name, out field!)) return true;
        // Details are named by the job trial by trial, so any details.NAME resolves (missing where a trial lacks it).
        if (name.StartsWith(TrialFields.DetailPrefix, StringComparison.Ordinal) && name.Length > TrialFields.DetailPrefix.Length)
        {
            field = new TrialField(name, FieldSource.Detail, name[TrialFields.DetailPrefix.Length..]);
            return true;
        }
        return false;
    }

    public bool Contains(string name) => TryResolve(name, out _);
}
