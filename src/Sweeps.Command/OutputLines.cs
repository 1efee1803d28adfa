using System.Buffers;

namespace Sweeps.Command;

/// <summary>
/// A program's stdout as it comes: copied to its file (<see cref="OutputFile"/>) whole, and handed to <paramref name="onLine"/> a line at a time
/// in bounded memory whatever the program prints (a line longer than <see cref="MaxLine"/> bytes is passed on cut to
/// that length, and marked as cut).
/// </summary>
internal sealed class OutputLines(OutputFile file, Action<ReadOnlySpan<byte>, bool> onLine) : IDisposable
{
    public const int MaxLine = 64 * 1024;

    private byte[]? _line;

    public OutputFile File => file;
    private int _length;
    private bool _cut;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        file.Write(chunk);
        while (chunk.Length > 0)
        {
            var end = chunk.IndexOf((byte)'\n');
            var part = end < 0 ? chunk : chunk[..end];
            if (end >= 0 && _length == 0 && !_cut && part.Length <= MaxLine) onLine(part, false); // the usual case: no copy
            else
            {
                Keep(part);
                if (end >= 0) Flush();
            }
            chunk = end < 0 ? [] : chunk[(end + 1)..];
        }
    }

    /// <summary>Hands on the last line when the output did not end with a line break.</summary>
    public void Finish()
    {
        if (_length > 0 || _cut) Flush();
    }

    public void Dispose()
    {
        file.Dispose();
        // Pooled: a sweep of short programs would otherwise allocate these anew for every run and keep the GC busy.
        if (_line is not null) ArrayPool<byte>.Shared.Return(_line);
        _line = null;
    }

    private void Keep(ReadOnlySpan<byte> part)
    {
        _line ??= ArrayPool<byte>.Shared.Rent(MaxLine);
        var room = MaxLine - _length;
        if (part.Length > room)
        {
            _cut = true;
            part = part[..room];
        }
        part.CopyTo(_line.AsSpan(_length));
        _length += part.Length;
    }

    private void Flush()
    {
        onLine(_line.AsSpan(0, _length), _cut);
        _length = 0;
        _cut = false;
    }
}
