using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tasks;

/// <summary>
/// The embedded Reber grammar: B, then T or P, then a Reber string, then the same T or P again, then E.
/// Every branch is taken with probability 1/2, so the best predictor's loss at a step is log(number of legal symbols).
/// </summary>
public static class ReberGrammar
{
    public const string Symbols = "BTPSXVE";

    /// <summary>The Reber automaton: from each state, the symbols it may emit and where each leads; state 7 ends the string.</summary>
    public static IReadOnlyList<(char Symbol, int Next)[]> Transitions { get; } =
    [
        [('B', 1)],
        [('T', 2), ('P', 3)],
        [('S', 2), ('X', 4)],
        [('T', 3), ('V', 5)],
        [('X', 3), ('S', 6)],
        [('P', 4), ('V', 6)],
        [('E', 7)],
    ];

    public static int IndexOf(char symbol) => Symbols.IndexOf(symbol);

    /// <summary>
    /// Appends one embedded Reber string to <paramref name="symbols"/>, and to <paramref name="legal"/> for each
    /// symbol the set of symbols that could have stood in its place given everything before it.
    /// </summary>
    public static void AppendEmbedded(Rng rng, List<char> symbols, List<string> legal)
    {
        Add('B', "B");
        var outer = rng.NextBool() ? 'T' : 'P';
        Add(outer, "TP");
        var state = 0;
        while (state != 7)
        {
            var choices = Transitions[state];
            var (symbol, next) = choices.Length == 1 ? choices[0] : choices[rng.NextBool() ? 1 : 0];
            Add(symbol, new string(choices.Select(c => c.Symbol).ToArray()));
            state = next;
        }
        Add(outer, outer.ToString());
        Add('E', "E");

        void Add(char symbol, string allowed)
        {
            symbols.Add(symbol);
            legal.Add(allowed);
        }
    }
}
