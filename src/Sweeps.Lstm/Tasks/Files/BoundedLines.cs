using System.Text;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// Reads a file line by line as strict UTF-8, refusing a file over the size limit before reading it, a line over the
/// length limit before holding it, and bytes that are not UTF-8, each with the line where it happens.
/// </summary>
internal sealed class BoundedLines : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _file;
    private readonly int _maxLineChars;
    private readonly StringBuilder _line = new();
    private const char Invalid = '\uFFFF';

    public BoundedLines(string file, SequenceFileLimits limits)
    {
        _file = file;
        _maxLineChars = limits.MaxLineChars;
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SequenceFileException(file, 0, "does not exist (a relative data: path resolves against the spec file's folder; on a remote worker the file must exist at that path)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SequenceFileException(file, 0, $"cannot be read: {e.Message}");
        }
        var length = stream.Length;
        if (length > limits.MaxBytes)
        {
            stream.Dispose();
            throw new SequenceFileException(file, 0, $"is {length} bytes; a sequence file may be at most {limits.MaxBytes} bytes");
        }
        // Bytes that are not UTF-8 decode to U+FFFF (a noncharacter no text holds), so the line they are on can be named:
        // a throwing decoder fails on a whole buffer, lines ahead of the reader.
        var utf8 = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        utf8.DecoderFallback = new DecoderReplacementFallback(Invalid.ToString());
        _reader = new StreamReader(stream, utf8, detectEncodingFromByteOrderMarks: false);
    }

    /// <summary>The number of the line last returned (1-based).</summary>
    public int Number { get; private set; }

    /// <summary>The next line without its end (\n or \r\n), or null at the end of the file.</summary>
    public string? Next()
    {
        _line.Clear();
        int c;
        while ((c = _reader.Read()) >= 0)
        {
            if (c == '\n')
            {
                Number++;
                return Trimmed();
            }
            if (_line.Length >= _maxLineChars)
                throw new SequenceFileException(_file, Number + 1, $"is longer than {_maxLineChars} characters");
            if (c == 0) throw new SequenceFileException(_file, Number + 1, "holds a NUL character: this is not a text file");
            if (c == Invalid) throw new SequenceFileException(_file, Number + 1, "is not valid UTF-8");
            _line.Append((char)c);
        }
        if (_line.Length == 0) return null;
        Number++;
        return Trimmed();
    }

    private string Trimmed()
    {
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        if (Number == 1 && _line.Length > 0 && _line[0] == '\uFEFF') _line.Remove(0, 1); // a byte order mark is not content
        return _line.ToString();
    }

    public void Dispose() => _reader.Dispose();
}
