namespace Sweeps.Search.Scheduling;

/// <summary>
/// Hyperband (Li et al. 2018) as brackets of successive halving: bracket s halves s times, starting its trials at
/// resource R/η^s, and gets ⌈(s_max + 1)/(s + 1)·η^s⌉ trials in each round, so that every bracket spends about the
/// same budget. Trials are dealt to brackets by index in that proportion, the same way every time.
/// </summary>
public sealed class HyperbandBrackets
{
    private readonly int[] _pattern;

    public HyperbandBrackets(Rungs rungs)
    {
        Rungs = rungs;
        var most = rungs.Count - 1; // s_max: the halvings of the bracket that starts at the smallest resource
        Brackets = Enumerable.Range(0, most + 1)
            .Select(s => new Rungs(rungs.Levels[most - s], rungs.MaxResource, rungs.ReductionFactor))
            .ToList();
        TrialsPerRound = Enumerable.Range(0, most + 1)
            .Select(s => (int)Math.Ceiling((most + 1.0) / (s + 1) * Math.Pow(rungs.ReductionFactor, s)))
            .ToList();
        // Deal the round's trials to brackets interleaved (largest share first), so every bracket fills from the start.
        var dealt = new int[TrialsPerRound.Count];
        var pattern = new List<int>();
        var total = TrialsPerRound.Sum();
        for (var i = 0; i < total; i++)
        {
            var next = Enumerable.Range(0, dealt.Length)
                .Where(s => dealt[s] < TrialsPerRound[s])
                .OrderBy(s => (dealt[s] + 0.5) / TrialsPerRound[s]).ThenByDescending(s => s)
                .First();
            dealt[next]++;
            pattern.Add(next);
        }
        _pattern = pattern.ToArray();
    }

    public Rungs Rungs { get; }

    /// <summary>Bracket s's rungs: from R/η^s (the ladder's level s_max − s) up to R.</summary>
    public IReadOnlyList<Rungs> Brackets { get; }

    /// <summary>How many trials each bracket starts in one round of Hyperband.</summary>
    public IReadOnlyList<int> TrialsPerRound { get; }

    /// <summary>The bracket trial <paramref name="trialIndex"/> belongs to.</summary>
    public int BracketOf(long trialIndex) => _pattern[trialIndex % _pattern.Length];
}
