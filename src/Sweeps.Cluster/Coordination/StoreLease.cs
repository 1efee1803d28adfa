using System.Diagnostics;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using Sweeps.Store;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Akka's <see cref="Akka.Coordination.Lease"/> on the results store: a row in <c>sweeps_leases</c> (see <see cref="LeaseTable"/>) with a
/// holder, a fencing number and an expiry renewed every heartbeat. The same row on SQLite and PostgreSQL, rather than a
/// PostgreSQL advisory lock: a session lock lives as long as the server believes its connection does, which for a
/// holder cut off by the network is until TCP keep-alive gives up (hours by default), while a row's expiry bounds it.
/// <para>
/// A holder SIGKILLed stops renewing, so the row is free <c>heartbeat-timeout</c> after its last renewal. A holder cut
/// off from the store counts its lease as valid only two thirds of <c>heartbeat-timeout</c> from the moment it sent its
/// last successful renewal (the database's expiry is at least that moment plus the whole timeout), so it reports the
/// loss and stops writing before anyone else can take the row.
/// </para>
/// </summary>
public sealed class StoreLease : Akka.Coordination.Lease
{
    /// <summary>Where the lease's settings live in the actor system's configuration.</summary>
    public const string ConfigPath = "sweeps.store-lease";

    /// <summary>The lease's row: the name Akka's singleton manager gives the coordinator singleton's lease, taken also by embedded runs.</summary>
    public const string CoordinatorLeaseName = "sweeps-singleton-akka://sweeps/user/sweeps";

    private static readonly ConditionalWeakTable<ActorSystem, StoreLease> BySystem = new();

    private readonly LeaseTable _table;
    private readonly ILoggingAdapter _log;
    private readonly string _holder;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _validity;
    private readonly Lock _gate = new();
    private long? _fencing;
    private long _validUntil;
    private Action<Exception>? _lost;
    private Timer? _renewals;
    private Timer? _deadline;
    private int _renewing;
    private string? _lastWaitedFor;

    public StoreLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings)
    {
        var config = settings.LeaseConfig;
        var provider = Enum.Parse<StoreProvider>(config.GetString("provider"), ignoreCase: true);
        _table = new LeaseTable(new StoreLocation(provider, config.GetString("connection-string"), config.GetString("display")));
        _log = Logging.GetLogger(system, typeof(StoreLease));
        // One process, not one address: a coordinator restarted on the same port waits for its old incarnation's row to expire.
        _holder = $"{settings.OwnerName} {Guid.NewGuid():N}";
        _ttl = settings.TimeoutSettings.HeartbeatTimeout;
        _interval = settings.TimeoutSettings.HeartbeatInterval;
        _validity = _ttl * 2 / 3;
        if (_interval * 2 >= _validity)
            throw new ArgumentException($"{ConfigPath}: heartbeat-interval ({_interval}) must be under a third of heartbeat-timeout ({_ttl}) so that a renewal can fail once without losing the lease");
        BySystem.AddOrUpdate(system, this);
    }

    /// <summary>The store lease created in this actor system (the coordinator singleton's), or null where there is none.</summary>
    public static StoreLease? For(ActorSystem system) => BySystem.TryGetValue(system, out var lease) ? lease : null;

    /// <summary>The fencing number of the current holding; null when not held.</summary>
    public long? Fencing
    {
        get { lock (_gate) return _fencing; }
    }

    /// <summary>Who holds the lease now according to the store; null when nobody does.</summary>
    public LeaseHolder? CurrentHolder() => _table.Holder(Settings.LeaseName);

    /// <summary>As <see cref="CurrentHolder"/>, null when the store cannot be asked (for messages only).</summary>
    public LeaseHolder? CurrentHolderOrNull()
    {
        try
        {
            return CurrentHolder();
        }
        catch (Exception)
        {
            return null;
        }
    }

    public override Task<bool> Acquire() => Acquire(null);

    public override Task<bool> Acquire(Action<Exception>? leaseLostCallback) => Task.Run(() =>
    {
        var sent = Stopwatch.GetTimestamp();
        var fencing = _table.TryAcquire(Settings.LeaseName, Settings.OwnerName, _holder, _ttl);
        if (fencing is null)
        {
            var holder = _table.Holder(Settings.LeaseName);
            var who = holder?.Owner ?? "nobody (it was just released)";
            if (who != _lastWaitedFor)
                _log.Info("Waiting for the coordinator lease {0}: it is held by {1}; this node writes nothing until it has it", Settings.LeaseName, who);
            _lastWaitedFor = who;
            return false;
        }
        lock (_gate)
        {
            _fencing = fencing;
            _lost = leaseLostCallback;
            _validUntil = sent + Ticks(_validity);
            _deadline = new Timer(_ => CheckDeadline(), null, _validity, Timeout.InfiniteTimeSpan);
            _renewals = new Timer(_ => Renew(), null, _interval, _interval);
        }
        _lastWaitedFor = null;
        _log.Info("Acquired the coordinator lease {0} (fencing number {1})", Settings.LeaseName, fencing);
        return true;
    });

    public override Task<bool> Release() => Task.Run(() =>
    {
        lock (_gate)
        {
            if (_fencing is null) return true;
            Stop();
        }
        _table.Release(Settings.LeaseName, _holder);
        _log.Info("Released the coordinator lease {0}", Settings.LeaseName);
        return true;
    });

    public override bool CheckLease()
    {
        lock (_gate) return _fencing is not null && Stopwatch.GetTimestamp() < _validUntil;
    }

    private void Renew()
    {
        // A renewal still waiting on the store must not queue another behind it.
        if (Interlocked.Exchange(ref _renewing, 1) == 1) return;
        try
        {
            long fencing;
            lock (_gate)
            {
                if (_fencing is not { } held) return;
                fencing = held;
            }
            var sent = Stopwatch.GetTimestamp();
            bool renewed;
            try
            {
                renewed = _table.Renew(Settings.LeaseName, _holder, fencing, _ttl);
            }
            catch (Exception e)
            {
                _log.Warning("Could not renew the coordinator lease {0}: {1}; it is lost if no renewal succeeds in time", Settings.LeaseName, e.Message);
                return;
            }
            if (!renewed)
            {
                Lose(fencing, "the store says another node holds it now");
                return;
            }
            lock (_gate)
            {
                if (_fencing != fencing)
                {
                    // Given up while this renewal waited on the store: free the row instead of leaving it held by nobody.
                    _table.Release(Settings.LeaseName, _holder);
                    return;
                }
                _validUntil = sent + Ticks(_validity);
                _deadline?.Change(_validity - Stopwatch.GetElapsedTime(sent), Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private void CheckDeadline()
    {
        long fencing;
        lock (_gate)
        {
            if (_fencing is not { } held) return;
            var left = _validUntil - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                _deadline?.Change(TimeSpan.FromTicks(left * TimeSpan.TicksPerSecond / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }
            fencing = held;
        }
        Lose(fencing, $"no renewal reached the store for {_validity.TotalSeconds:0.#} s");
    }

    private void Lose(long fencing, string reason)
    {
        Action<Exception>? callback;
        lock (_gate)
        {
            if (_fencing != fencing) return;
            callback = _lost;
            Stop();
        }
        _log.Warning("Lost the coordinator lease {0} (fencing number {1}): {2}; this node stops writing", Settings.LeaseName, fencing, reason);
        callback?.Invoke(new LeaseException($"lease {Settings.LeaseName} lost: {reason}"));
    }

    // Called under _gate.
    private void Stop()
    {
        _fencing = null;
        _lost = null;
        _renewals?.Dispose();
        _deadline?.Dispose();
        _renewals = _deadline = null;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
