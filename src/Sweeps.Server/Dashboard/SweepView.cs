namespace Sweeps.Server.Dashboard;

/// <summary>One sweep as the dashboard shows it: how many trials stand where, how fast they finish, and the running ones.</summary>
internal sealed record SweepView(string Name, string Job, string State, bool IsOver, long Total, long Completed, long Failed, long Running, double? Rate)
{
    public IReadOnlyList<RunningTrialView> RunningTrials { get; init; } = [];

    /// <summary>Trials the sweep's scheduler stopped early; they count as done.</summary>
    public long Pruned { get; init; }

    public long Done => Completed + Failed + Pruned;

    /// <summary>The time left at the current rate; null when over, not started, or nothing finishes.</summary>
    public TimeSpan? Eta => !IsOver && Rate is > 0 && Total > Done ? TimeSpan.FromSeconds(Math.Min((Total - Done) / Rate.Value, TimeSpan.MaxValue.TotalSeconds / 2)) : null;
}

/// <summary>A running trial: where it runs since when, and what it last reported (known on a coordinator only).</summary>
internal sealed record RunningTrialView(long Index, string? Worker, DateTime? StartedAt, double? Fraction, long? Step, IReadOnlyDictionary<string, double>? Metrics);
