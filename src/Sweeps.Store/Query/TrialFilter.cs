using System.Globalization;

namespace Sweeps.Store.Query;

/// <summary>
/// A <c>--where</c> expression: comparisons of fields with numbers or texts, joined by <c>and</c> / <c>or</c>,
/// with parentheses: <c>dimension&gt;=100 and fraction&lt;0.5</c>, <c>status = failed or (hidden &gt; 64 and optimizer = 'adam')</c>.
/// A trial without the field does not match. Parentheses and <c>not</c> nest at most <see cref="MaxDepth"/> deep.
/// </summary>
public sealed class TrialFilter
{
    /// <summary>Parentheses and <c>not</c> inside one another; each level is a frame of the parser's stack.</summary>
    public const int MaxDepth = 64;

    private readonly Func<TrialRow, bool> _test;

    private TrialFilter(Func<TrialRow, bool> test) => _test = test;

    public static TrialFilter All { get; } = new(_ => true);

    public bool Matches(TrialRow row) => _test(row);

    /// <param name="knownFields">The names the sweep's trials have; any other name is an error that lists them.</param>
    public static TrialFilter Parse(string expression, IReadOnlyCollection<string> knownFields)
    {
        var parser = new Parser(expression, knownFields);
        var test = parser.ParseOr();
        parser.ExpectEnd();
        return new TrialFilter(test);
    }

    private sealed class Parser(string text, IReadOnlyCollection<string> known)
    {
        private readonly List<Token> _tokens = Tokenizer.Read(text);
        private int _at;
        private int _depth;

        private Token Next => _tokens[_at];

        // A chain of or/and is kept flat, not as nested closures: a long one must not nest calls when a row is tested.
        public Func<TrialRow, bool> ParseOr()
        {
            var terms = new List<Func<TrialRow, bool>> { ParseAnd() };
            while (Next.Is("or"))
            {
                _at++;
                terms.Add(ParseAnd());
            }
            if (terms.Count == 1) return terms[0];
            var any = terms.ToArray();
            return row =>
            {
                foreach (var term in any)
                    if (term(row)) return true;
                return false;
            };
        }

        public void ExpectEnd()
        {
            if (Next.Kind != TokenKind.End) throw Error(Next, $"expected 'and', 'or' or the end, found '{Next.Text}'");
        }

        private Func<TrialRow, bool> ParseAnd()
        {
            var terms = new List<Func<TrialRow, bool>> { ParseTerm() };
            while (Next.Is("and"))
            {
                _at++;
                terms.Add(ParseTerm());
            }
            if (terms.Count == 1) return terms[0];
            var all = terms.ToArray();
            return row =>
            {
                foreach (var term in all)
                    if (!term(row)) return false;
                return true;
            };
        }

        private Func<TrialRow, bool> ParseTerm()
        {
            if (Next.Is("not"))
            {
                Enter();
                var inner = ParseTerm();
                _depth--;
                return row => !inner(row);
            }
            if (Next.Kind == TokenKind.Open)
            {
                Enter();
                var inner = ParseOr();
                if (Next.Kind != TokenKind.Close) throw Error(Next, "expected ')'");
                _at++;
                _depth--;
                return inner;
            }
            return ParseComparison();
        }

        /// <summary>Steps into a '(' or 'not', refusing to go deeper than <see cref="MaxDepth"/>.</summary>
        private void Enter()
        {
            if (++_depth > MaxDepth)
                throw Error(Next, $"parentheses and 'not' are nested more than {MaxDepth} deep here; write the condition with fewer levels " +
                    "(a and b and c needs no parentheses)");
            _at++;
        }

        private Func<TrialRow, bool> ParseComparison()
        {
            var field = Next;
            if (field.Kind != TokenKind.Name) throw Error(field, field.Kind == TokenKind.End ? "expected a comparison such as dimension>=100" : $"expected a field name, found '{field.Text}'");
            if (!known.Contains(field.Text))
                throw Error(field, $"unknown field '{field.Text}'; this sweep has: {string.Join(", ", known)}");
            _at++;
            var op = Next;
            if (op.Kind != TokenKind.Operator) throw Error(op, $"expected one of < <= > >= = != after '{field.Text}'");
            _at++;
            var value = Next;
            if (value.Kind is not (TokenKind.Number or TokenKind.Text or TokenKind.Name))
                throw Error(value, $"expected a number or a text after '{op.Text}'");
            _at++;
            var name = field.Text;
            var isBoolean = value.Kind == TokenKind.Name && (value.Is("true") || value.Is("false"));
            if (value.Kind == TokenKind.Number || isBoolean)
            {
                var number = isBoolean ? (value.Is("true") ? 1 : 0) : double.Parse(value.Text, CultureInfo.InvariantCulture);
                return row => TrialFields.Get(row, name) is double x && Compare(op.Text, x.CompareTo(number));
            }
            if (op.Text is not ("=" or "==" or "!="))
                throw Error(op, $"'{op.Text}' compares numbers; texts take = or !=");
            var text = value.Text;
            return row => TrialFields.Get(row, name) is { } x && Compare(op.Text, string.Equals(Convert.ToString(x, CultureInfo.InvariantCulture), text, StringComparison.Ordinal) ? 0 : 1);
        }

        private static bool Compare(string op, int order) => op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "=" or "==" => order == 0,
            _ => order != 0,
        };

        private QueryException Error(Token token, string problem) => QueryException.At("--where", text, token.Position, problem);
    }
}
