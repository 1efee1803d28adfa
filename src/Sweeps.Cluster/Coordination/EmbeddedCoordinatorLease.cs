using Sweeps.Store;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// The coordinator lease taken by a coordinator that runs embedded (<c>sweeps run</c>, benches): the same row a cluster
/// coordinator's singleton takes, so two writers on one store are refused whichever way they run. Taken before the node
/// starts, so a second writer learns it at once; renewed every <see cref="StoreLeaseOption.HeartbeatInterval"/>. The row
/// of a run on this machine that was killed is waited out (a few seconds) rather than refused.
/// </summary>
public sealed class EmbeddedCoordinatorLease : IDisposable
{
    private readonly LeaseTable _table;
    private readonly string _holder;
    private readonly TimeSpan _ttl;
    private readonly Timer _renewals;
    private readonly long _fencing;

    private EmbeddedCoordinatorLease(LeaseTable table, string holder, long fencing, StoreLeaseOption timing)
    {
        _table = table;
        _holder = holder;
        _fencing = fencing;
        _ttl = timing.HeartbeatTimeout;
        _renewals = new Timer(_ => Renew(), null, timing.HeartbeatInterval, timing.HeartbeatInterval);
    }

    /// <summary>Takes the lease, or throws <see cref="StoreInUseException"/> naming who has it.</summary>
    public static EmbeddedCoordinatorLease Take(StoreLocation store)
    {
        var timing = new StoreLeaseOption(store);
        var table = new LeaseTable(store);
        var owner = $"sweeps run on {Environment.MachineName} (process {Environment.ProcessId})";
        // (the owner's form is read back by IsDeadRunHere)
        var holder = $"{owner} {Guid.NewGuid():N}";
        while (true)
        {
            var fencing = table.TryAcquire(StoreLease.CoordinatorLeaseName, owner, holder, timing.HeartbeatTimeout);
            if (fencing is { } taken) return new EmbeddedCoordinatorLease(table, holder, taken, timing);
            var current = table.Holder(StoreLease.CoordinatorLeaseName);
            if (current is null) continue; // expired between the two questions
            // A run on this machine that was killed leaves its row until it expires: rerunning at once is what people do.
            if (!IsDeadRunHere(current.Owner))
                throw new StoreInUseException($"the store {store.Display} is in use: {current.Owner} is writing to it; wait for it to finish or give another --db");
            Thread.Sleep(current.ExpiresIn + TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>True when the owner names an embedded run on this machine whose process has gone.</summary>
    private static bool IsDeadRunHere(string owner)
    {
        var prefix = $"sweeps run on {Environment.MachineName} (process ";
        if (!owner.StartsWith(prefix, StringComparison.Ordinal) || !int.TryParse(owner[prefix.Length..].TrimEnd(')'), out var pid)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private void Renew()
    {
        try
        {
            // Lost only if the row expired and someone else took it: then stop renewing rather than fight for it.
            if (!_table.Renew(StoreLease.CoordinatorLeaseName, _holder, _fencing, _ttl))
                _renewals.Change(Timeout.Infinite, Timeout.Infinite);
        }
        catch (Exception)
        {
            // the store is away for a moment; the next tick tries again
        }
    }

    public void Dispose()
    {
        _renewals.Dispose();
        try
        {
            _table.Release(StoreLease.CoordinatorLeaseName, _holder);
        }
        catch (Exception)
        {
            // it expires by itself
        }
    }
}
