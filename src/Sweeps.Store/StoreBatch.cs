using Sweeps.Core.Lifecycle;

namespace Sweeps.Store;

/// <summary>
/// Everything one write to the store carries, applied in one transaction together with the journal position
/// it brings the tables up to: new sweeps, sweep state changes, and trial rows (the latest row per trial wins).
/// </summary>
public sealed class StoreBatch
{
    private readonly Dictionary<(string Sweep, long Index), TrialRow> _trials = new();

    public List<SweepRow> Sweeps { get; } = [];

    public List<(string Sweep, SweepState State)> States { get; } = [];

    /// <summary>Sweeps given more trials: their new canonical spec, fingerprint and total (a finished one runs again).</summary>
    public List<(string Sweep, string Spec, string Fingerprint, long TotalTrials)> Extensions { get; } = [];

    public IReadOnlyCollection<TrialRow> Trials => _trials.Values;

    /// <summary>Notices to write (or, with a null message, to remove), in order.</summary>
    public List<SweepNotice> Notices { get; } = [];

    /// <summary>The journal sequence number this batch brings the store up to.</summary>
    public long SequenceNr { get; set; }

    public bool IsEmpty => Sweeps.Count == 0 && Extensions.Count == 0 && States.Count == 0 && _trials.Count == 0 && Notices.Count == 0;

    /// <summary>Adds a row; a later row for the same trial in the same batch replaces the earlier one.</summary>
    public void Put(TrialRow row) => _trials[(row.Sweep, row.Index)] = row;
}
