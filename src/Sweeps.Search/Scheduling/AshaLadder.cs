using Sweeps.Core.Spec;

namespace Sweeps.Search.Scheduling;

/// <summary>
/// Successive halving's ladder of rungs as a plain state: which trial reached which rung with what value, and which
/// paused trial to promote next. Asynchronous (ASHA, Li et al. 2020, Algorithm 2): whenever a worker asks for work,
/// promote the best not-yet-promoted trial that is in the top 1/η of its rung, looking from the highest rung down; if
/// there is none, a new trial starts at the bottom. Synchronous (SHA): a rung promotes only once every trial it expects
/// has reached it, so the decisions do not depend on the order results arrive in, nor on the number of workers.
/// </summary>
/// <remarks>
/// Ties rank by trial index, so equal values give the same decisions every time. The coordinator journals each
/// promotion before acting on it and replays it through <see cref="Promoted"/> on recovery; the ladder decides nothing
/// on its own.
/// </remarks>
public sealed class AshaLadder
{
    private readonly List<Dictionary<long, double>> _values;
    private readonly List<HashSet<long>> _promoted;
    private readonly ObjectiveGoal _goal;

    /// <param name="bracketSize">
    /// For the synchronous mode: how many trials start at the bottom rung. Null for the asynchronous mode.
    /// </param>
    public AshaLadder(Rungs rungs, ObjectiveGoal goal, long? bracketSize = null)
    {
        if (bracketSize is < 1) throw new ArgumentOutOfRangeException(nameof(bracketSize), bracketSize, "a bracket has at least one trial");
        Rungs = rungs;
        _goal = goal;
        BracketSize = bracketSize;
        _values = Enumerable.Range(0, rungs.Count).Select(_ => new Dictionary<long, double>()).ToList();
        _promoted = Enumerable.Range(0, rungs.Count).Select(_ => new HashSet<long>()).ToList();
    }

    public Rungs Rungs { get; }

    public long? BracketSize { get; }

    public bool Synchronous => BracketSize is not null;

    /// <summary>A trial reached rung <paramref name="rung"/> with <paramref name="value"/> (its metric at that rung's resource).</summary>
    public void Record(long trial, int rung, double value)
    {
        if (rung < 0 || rung >= Rungs.Count) throw new ArgumentOutOfRangeException(nameof(rung), rung, $"the ladder has rungs 0 to {Rungs.Count - 1}");
        _values[rung][trial] = double.IsNaN(value) ? double.PositiveInfinity * (_goal == ObjectiveGoal.Minimize ? 1 : -1) : value;
    }

    /// <summary>A promotion was decided (now, or earlier and replayed from the journal).</summary>
    public void Promoted(long trial, int fromRung) => _promoted[fromRung].Add(trial);

    /// <summary>How many trials reached rung <paramref name="rung"/>.</summary>
    public int Reached(int rung) => _values[rung].Count;

    /// <summary>How many trials rung <paramref name="rung"/> holds when full, in the synchronous mode: ⌊n/η^k⌋.</summary>
    public long Expected(int rung)
    {
        var expected = BracketSize ?? throw new InvalidOperationException("only a synchronous ladder expects a number of trials");
        for (var k = 0; k < rung; k++) expected /= Rungs.ReductionFactor;
        return expected;
    }

    /// <summary>The next trial to promote, from the highest rung that has one down to the bottom; null when none may be.</summary>
    public Promotion? NextPromotion() => Promotions().FirstOrDefault();

    /// <summary>
    /// Every promotion that may be decided now, from the highest rung down. <paramref name="settle"/>: judge a synchronous
    /// rung that will fill no further (trials failed on the way) as if it were full.
    /// </summary>
    public IReadOnlyList<Promotion> Promotions(bool settle = false)
    {
        var promotions = new List<Promotion>();
        for (var k = Rungs.Count - 2; k >= 0; k--)
        {
            if (Synchronous && !settle && Reached(k) < Expected(k)) continue;
            foreach (var trial in Kept(k))
                if (!_promoted[k].Contains(trial)) promotions.Add(new Promotion(trial, k, k + 1));
        }
        return promotions;
    }

    /// <summary>Whether rung <paramref name="rung"/> has judged for good: synchronous and full, so a trial there not kept never will be.</summary>
    public bool Judged(int rung) => Synchronous && Reached(rung) >= Expected(rung);

    /// <summary>The trials of rung <paramref name="rung"/> that go on: the best 1/η of those there (synchronous: of those it expects).</summary>
    public IEnumerable<long> Kept(int rung)
    {
        var keep = Synchronous ? Expected(rung + 1) : Reached(rung) / Rungs.ReductionFactor;
        return Ranked(rung).Take((int)Math.Min(keep, int.MaxValue));
    }

    /// <summary>Whether <paramref name="trial"/> was promoted from rung <paramref name="rung"/>.</summary>
    public bool WasPromoted(long trial, int rung) => _promoted[rung].Contains(trial);

    /// <summary>Trials of rung <paramref name="rung"/>, best first, ties by trial index.</summary>
    public IEnumerable<long> Ranked(int rung) =>
        _values[rung].OrderBy(p => _goal == ObjectiveGoal.Minimize ? p.Value : -p.Value).ThenBy(p => p.Key).Select(p => p.Key);
}

/// <summary>Continue <paramref name="Trial"/> from rung <paramref name="From"/> to rung <paramref name="To"/>, from its checkpoint.</summary>
public sealed record Promotion(long Trial, int From, int To);
