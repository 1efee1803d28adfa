namespace Sweeps.Store.Query;

internal enum TokenKind
{
    Name,
    Number,
    Text,
    Operator,
    Open,
    Close,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool Is(string keyword) => Kind == TokenKind.Name && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits a <c>--where</c> expression into names, numbers, quoted texts, operators and parentheses.</summary>
internal static class Tokenizer
{
    public static List<Token> Read(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (c == '(') { tokens.Add(new(TokenKind.Open, "(", i++)); continue; }
            if (c == ')') { tokens.Add(new(TokenKind.Close, ")", i++)); continue; }
            if (c is '<' or '>' or '=' or '!')
            {
                i++;
                if (i < text.Length && text[i] == '=') i++;
                var op = text[start..i];
                if (op == "!") throw QueryException.At("--where", text, start, "'!' must be followed by '=' (not equal)");
                tokens.Add(new(TokenKind.Operator, op, start));
                continue;
            }
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) throw QueryException.At("--where", text, start, $"this text has no closing {c}");
                tokens.Add(new(TokenKind.Text, text[(i + 1)..end], start));
                i = end + 1;
                continue;
            }
            if (char.IsDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E'))) i++;
                var number = text[start..i];
                if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    throw QueryException.At("--where", text, start, $"'{number}' is not a number");
                tokens.Add(new(TokenKind.Number, number, start));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-')) i++;
                tokens.Add(new(TokenKind.Name, text[start..i], start));
                continue;
            }
            throw QueryException.At("--where", text, start, $"unexpected '{c}'");
        }
        tokens.Add(new(TokenKind.End, "", text.Length));
        return tokens;
    }
}
