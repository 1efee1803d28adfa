using System.Buffers;

namespace Sweeps.Command;

/// <summary>
/// Copies a program's output stream to a file as it comes and hands each line to <paramref name="onLine"/>, in bounded
/// memory whatever the program prints: the file takes everything, a line longer than <see cref="MaxLine"/> bytes is
/// passed on cut to that length (marked as cut), and the last <see cref="TailBytes"/> bytes are kept for the error.
/// </summary>
internal sealed class OutputPump(Stream source, string file, Action<ReadOnlyMemory<byte>, bool>? onLine)
{
    public const int MaxLine = 64 * 1024;
    public const int TailBytes = 4096;

    private readonly byte[] _tail = new byte[TailBytes];
    private long _total;

    /// <summary>Bytes the program wrote.</summary>
    public long Total => Interlocked.Read(ref _total);

    public Task Start() => Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The last bytes written, as text (a character cut at the start is dropped).</summary>
    public string Tail()
    {
        lock (_tail)
        {
            var count = (int)Math.Min(_total, TailBytes);
            var bytes = new byte[count];
            var start = (int)((_total - count) % TailBytes);
            for (var i = 0; i < count; i++) bytes[i] = _tail[(start + i) % TailBytes];
            var skip = 0;
            while (count == TailBytes && skip < Math.Min(3, count) && (bytes[skip] & 0xC0) == 0x80) skip++;
            return System.Text.Encoding.UTF8.GetString(bytes, skip, count - skip);
        }
    }

    private void Pump()
    {
        // Pooled: a sweep of short programs would otherwise allocate these anew for every run and keep the GC busy.
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = onLine is null ? [] : ArrayPool<byte>.Shared.Rent(MaxLine);
        try
        {
            Pump(buffer, line);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (onLine is not null) ArrayPool<byte>.Shared.Return(line);
        }
    }

    private void Pump(byte[] buffer, byte[] line)
    {
        var length = 0;
        var cut = false;
        using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0); // writes are whole chunks already
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            Remember(buffer.AsSpan(0, read));
            if (onLine is null) continue;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'\n')
                {
                    onLine(line.AsMemory(0, length), cut);
                    length = 0;
                    cut = false;
                }
                else if (length < MaxLine) line[length++] = b;
                else cut = true;
            }
        }
        if (onLine is not null && length > 0) onLine(line.AsMemory(0, length), cut);
    }

    private void Remember(ReadOnlySpan<byte> bytes)
    {
        lock (_tail)
        {
            if (bytes.Length > TailBytes)
            {
                _total += bytes.Length - TailBytes; // only the last TailBytes can stay; the ring's position follows the count
                bytes = bytes[^TailBytes..];
            }
            foreach (var b in bytes) _tail[(int)(_total++ % TailBytes)] = b;
        }
    }
}
