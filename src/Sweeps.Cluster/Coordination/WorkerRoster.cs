namespace Sweeps.Cluster.Coordination;

/// <summary>
/// Which live worker answers to which name. A name is self-declared, so it is bound to the sender that first used it
/// (its actor ref), and every later message in that name must come from the same sender. The rule for a name already
/// bound to another sender: it is refused, whatever it says, until the holder is gone (its actor terminated, or its node
/// unreachable or removed: <see cref="Release"/>). So a restarted worker keeping its <c>--name</c> gets the name back
/// once the cluster has noticed its old self is gone (seconds), and a live forger never takes over a live worker's
/// name or trials. Kept in memory only: after a coordinator restart or hand-over, workers bind again with their next
/// message (nothing runs then: every trial in flight became a new attempt).
/// </summary>
/// <typeparam name="TRef">The sender's identity: an actor ref in the coordinator, anything comparable in tests.</typeparam>
public sealed class WorkerRoster<TRef> where TRef : notnull
{
    /// <summary>Refusals remembered so that a worker retrying its hello twice a second is reported once, not every time.</summary>
    private const int RememberedRefusals = 1000;

    private readonly Dictionary<string, TRef> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<TRef, string> _byRef = new();
    private readonly HashSet<(string Name, TRef Sender)> _refused = new();

    public int Count => _byName.Count;

    public IEnumerable<(TRef Worker, string Name)> Workers => _byRef.Select(p => (p.Key, p.Value));

    public string? NameOf(TRef worker) => _byRef.GetValueOrDefault(worker);

    /// <summary>A worker introduces itself (hello, a request for trials, a heartbeat): binds the name if it is free.</summary>
    public RosterDecision Claim(string name, TRef sender)
    {
        if (_byRef.TryGetValue(sender, out var known))
            return known == name ? RosterDecision.Known : RefuseClaim(name, sender, $"it introduced itself as worker '{known}' before; one worker, one name");
        if (_byName.TryGetValue(name, out var holder))
            return RefuseClaim(name, sender, $"the name '{name}' belongs to a live worker ({holder}); it is given to another only once that worker " +
                                        "has stopped or its node is unreachable; give each worker its own --name");
        _byName[name] = sender;
        _byRef[sender] = name;
        return RosterDecision.Bound;
    }

    /// <summary>Results and hand-backs: accepted only from the sender bound to that name; they never bind a name.</summary>
    public RosterDecision Check(string name, TRef sender)
    {
        if (_byRef.TryGetValue(sender, out var known))
            return known == name ? RosterDecision.Known : Refused($"it introduced itself as worker '{known}', not '{name}'");
        return Refused(_byName.TryGetValue(name, out var holder)
            ? $"worker '{name}' is another sender ({holder})"
            : $"no worker '{name}' has introduced itself to this coordinator");
    }

    /// <summary>The worker is gone: its name is free again. Returns the name it had, or null if it had none.</summary>
    public string? Release(TRef worker)
    {
        if (!_byRef.Remove(worker, out var name)) return null;
        _byName.Remove(name);
        _refused.RemoveWhere(r => r.Name == name);
        return name;
    }

    private RosterDecision RefuseClaim(string name, TRef sender, string reason)
    {
        if (_refused.Count >= RememberedRefusals) _refused.Clear();
        return new RosterDecision(false, false, reason, _refused.Add((name, sender)));
    }

    private static RosterDecision Refused(string reason) => new(false, false, reason, true);
}

/// <param name="Accepted">The sender may speak for the name.</param>
/// <param name="IsNew">The name was bound to the sender just now (the coordinator starts watching it).</param>
/// <param name="Refusal">Why not, when not accepted.</param>
/// <param name="FirstRefusal">The first time this sender is refused this name: worth a warning (later hellos are repeats).</param>
public sealed record RosterDecision(bool Accepted, bool IsNew, string? Refusal, bool FirstRefusal)
{
    public static RosterDecision Bound { get; } = new(true, true, null, false);

    public static RosterDecision Known { get; } = new(true, false, null, false);
}
