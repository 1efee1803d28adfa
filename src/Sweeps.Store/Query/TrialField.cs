namespace Sweeps.Store.Query;

/// <summary>Where a field's value lives: one of the trial's own columns, its parameters, or its metrics.</summary>
public enum FieldSource
{
    Column,
    Parameter,
    Metric,

    /// <summary>One of the job's facts about how the trial ran: <c>details.NAME</c>.</summary>
    Detail,

    /// <summary>A name not known in advance: a parameter if the trial has one of that name, else a metric.</summary>
    ParameterOrMetric,
}

/// <summary>A name a query uses, resolved: <see cref="Name"/> as the user wrote it, <see cref="Key"/> inside its source.</summary>
public sealed record TrialField(string Name, FieldSource Source, string Key)
{
    public static TrialField Column(string name) => new(name, FieldSource.Column, name);
}
