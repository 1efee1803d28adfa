namespace Sweeps.Cluster.Downing;

/// <summary>A cluster member as the downing rule sees it; the rule is given them oldest first.</summary>
/// <param name="Coordinator">An Up (or Leaving) member with the coordinator role: one that can hold the singleton.</param>
public sealed record MemberView(string Address, bool Coordinator, bool Reachable);

/// <summary>
/// Which side of an unreachability survives: keep-oldest, where "oldest" is the oldest coordinator (the singleton's
/// node) and sides are counted over every member. Akka's keep-oldest scoped to the coordinator role counts only
/// coordinators, so with two of them a crashed active coordinator is "1 against 1", the dead one is kept and the
/// standby downs itself; unscoped, a worker can be the oldest and two dead workers down everyone. Here workers never
/// decide anything, and the oldest coordinator is given up only when it is the only coordinator on its side and that
/// side is smaller. Both sides compute the mirror image of the same rule, so they never both survive or both die.
/// </summary>
public static class OldestCoordinatorRule
{
    /// <summary>The addresses to down, given every member (not Down, not Exiting) oldest first; empty when all are reachable.</summary>
    public static IReadOnlyList<string> NodesToDown(IReadOnlyList<MemberView> oldestFirst)
    {
        var reachable = oldestFirst.Where(m => m.Reachable).ToList();
        var unreachable = oldestFirst.Where(m => !m.Reachable).ToList();
        if (unreachable.Count == 0) return [];
        if (oldestFirst.FirstOrDefault(m => m.Coordinator) is not { } oldest) return Addresses(unreachable); // nothing to protect
        var coordinatorsHere = reachable.Count(m => m.Coordinator);
        var coordinatorsThere = unreachable.Count(m => m.Coordinator);
        var keepThisSide = oldest.Reachable
            ? !(coordinatorsHere == 1 && coordinatorsThere >= 1 && reachable.Count < unreachable.Count)
            : coordinatorsThere == 1 && coordinatorsHere >= 1 && unreachable.Count < reachable.Count;
        return Addresses(keepThisSide ? unreachable : reachable);
    }

    private static List<string> Addresses(List<MemberView> members) => members.Select(m => m.Address).ToList();
}
