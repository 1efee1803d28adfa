using System.Globalization;

namespace Sweeps.Store.Query;

/// <summary>
/// A <c>--where</c> expression: comparisons of fields with numbers or texts, joined by <c>and</c> / <c>or</c>,
/// with parentheses: <c>dimension&gt;=100 and fraction&lt;0.5</c>, <c>status = failed or (hidden &gt; 64 and optimizer = 'adam')</c>.
/// A trial without the field does not match.
/// </summary>
public sealed class TrialFilter
{
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

        private Token Next => _tokens[_at];

        public Func<TrialRow, bool> ParseOr()
        {
            var left = ParseAnd();
            while (Next.Is("or"))
            {
                _at++;
                var right = ParseAnd();
                var l = left;
                left = row => l(row) || right(row);
            }
            return left;
        }

        public void ExpectEnd()
        {
            if (Next.Kind != TokenKind.End) throw Error(Next, $"expected 'and', 'or' or the end, found '{Next.Text}'");
        }

        private Func<TrialRow, bool> ParseAnd()
        {
            var left = ParseTerm();
            while (Next.Is("and"))
            {
                _at++;
                var right = ParseTerm();
                var l = left;
                left = row => l(row) && right(row);
            }
            return left;
        }

        private Func<TrialRow, bool> ParseTerm()
        {
            if (Next.Is("not"))
            {
                _at++;
                var inner = ParseTerm();
                return row => !inner(row);
            }
            if (Next.Kind == TokenKind.Open)
            {
                _at++;
                var inner = ParseOr();
                if (Next.Kind != TokenKind.Close) throw Error(Next, "expected ')'");
                _at++;
                return inner;
            }
            return ParseComparison();
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
