using System.Globalization;

namespace Sweeps.Store.Query;

/// <summary>
/// A <c>--where</c> expression: comparisons of fields with numbers or texts, joined by <c>and</c> / <c>or</c>,
/// with parentheses: <c>dimension&gt;=100 and fraction&lt;0.5</c>, <c>status = failed or (hidden &gt; 64 and optimizer = 'adam')</c>.
/// A trial without the field (or with NaN, or with a text where a number is compared) does not match. Parentheses and
/// <c>not</c> nest at most <see cref="MaxDepth"/> deep.
/// </summary>
public sealed class TrialFilter
{
    /// <summary>Parentheses and <c>not</c> inside one another; each level is a frame of the parser's stack.</summary>
    public const int MaxDepth = 64;

    private TrialFilter(Condition condition) => Condition = condition;

    public static TrialFilter All { get; } = new(new Always());

    internal Condition Condition { get; }

    public bool Matches(TrialRow row) => Condition.Matches(row);

    /// <param name="knownFields">The names the sweep's trials have; any other name is an error that lists them.</param>
    public static TrialFilter Parse(string expression, IReadOnlyCollection<string> knownFields) =>
        Parse(expression, TrialFieldSet.Of(knownFields));

    /// <param name="fields">The names the sweep's trials have; any other name is an error that lists them.</param>
    public static TrialFilter Parse(string expression, TrialFieldSet fields)
    {
        var parser = new Parser(expression, fields);
        var condition = parser.ParseOr();
        parser.ExpectEnd();
        return new TrialFilter(condition);
    }

    private sealed class Parser(string text, TrialFieldSet known)
    {
        private readonly List<Token> _tokens = Tokenizer.Read(text);
        private int _at;
        private int _depth;

        private Token Next => _tokens[_at];

        // A chain of or/and is kept flat, not nested: a long one must not nest calls when a row is tested.
        public Condition ParseOr()
        {
            var terms = new List<Condition> { ParseAnd() };
            while (Next.Is("or"))
            {
                _at++;
                terms.Add(ParseAnd());
            }
            return terms.Count == 1 ? terms[0] : new AnyOf(terms.ToArray());
        }

        public void ExpectEnd()
        {
            if (Next.Kind != TokenKind.End) throw Error(Next, $"expected 'and', 'or' or the end, found '{Next.Text}'");
        }

        private Condition ParseAnd()
        {
            var terms = new List<Condition> { ParseTerm() };
            while (Next.Is("and"))
            {
                _at++;
                terms.Add(ParseTerm());
            }
            return terms.Count == 1 ? terms[0] : new AllOf(terms.ToArray());
        }

        private Condition ParseTerm()
        {
            if (Next.Is("not"))
            {
                Enter();
                var inner = ParseTerm();
                _depth--;
                return new NoneOf(inner);
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

        private Condition ParseComparison()
        {
            var field = Next;
            if (field.Kind != TokenKind.Name) throw Error(field, field.Kind == TokenKind.End ? "expected a comparison such as dimension>=100" : $"expected a field name, found '{field.Text}'");
            if (!known.TryResolve(field.Text, out var resolved))
                throw Error(field, $"unknown field '{field.Text}'; this sweep has: {string.Join(", ", known.Names)}");
            _at++;
            var op = Next;
            if (op.Kind != TokenKind.Operator) throw Error(op, $"expected one of < <= > >= = != after '{field.Text}'");
            _at++;
            var value = Next;
            if (value.Kind is not (TokenKind.Number or TokenKind.Text or TokenKind.Name))
                throw Error(value, $"expected a number or a text after '{op.Text}'");
            _at++;
            var isBoolean = value.Kind == TokenKind.Name && (value.Is("true") || value.Is("false"));
            if (value.Kind == TokenKind.Number || isBoolean)
            {
                var number = isBoolean ? (value.Is("true") ? 1 : 0) : double.Parse(value.Text, CultureInfo.InvariantCulture);
                return new NumberComparison(resolved, op.Text, number);
            }
            if (op.Text is not ("=" or "==" or "!="))
                throw Error(op, $"'{op.Text}' compares numbers; texts take = or !=");
            return new TextComparison(resolved, op.Text != "!=", value.Text);
        }

        private QueryException Error(Token token, string problem) => QueryException.At("--where", text, token.Position, problem);
    }
}
