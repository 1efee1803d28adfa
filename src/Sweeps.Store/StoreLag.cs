namespace Sweeps.Store;

/// <summary>How far the tables trail the coordinator's journal: its highest sequence number and the projection's offset.</summary>
public sealed record StoreLag(long JournalHighest, long Written)
{
    /// <summary>Journal events not yet in the tables.</summary>
    public long Events => Math.Max(0, JournalHighest - Written);
}
