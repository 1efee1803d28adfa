namespace Sweeps.Cluster.Coordination;

/// <summary>A running trial: which attempt, on which worker, until when unless renewed.</summary>
internal sealed class Lease(int attempt, int losses, string worker, DateTime until)
{
    public int Attempt { get; } = attempt;
    public int Losses { get; } = losses;
    public string Worker { get; } = worker;
    public DateTime Until { get; set; } = until;

    /// <summary>When the attempt was handed out.</summary>
    public DateTime Since { get; init; }

    /// <summary>What the trial last reported through its worker's heartbeat; kept in memory only.</summary>
    public Messages.TrialReport? Report { get; set; }

    /// <summary>The scheduler's metric by step as the trial reported it (median rule); kept in memory only.</summary>
    public SortedDictionary<long, double>? History { get; set; }
}
