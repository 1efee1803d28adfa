namespace Sweeps.Command;

/// <summary>The end of a program's stderr file, for the error of a failed trial: at most <see cref="Bytes"/> bytes read.</summary>
internal static class ErrorTail
{
    public const int Bytes = 4096;

    /// <returns>The last bytes written, as text (a character cut at the start is dropped), and whether that was all of it.</returns>
    public static (string Text, bool Whole) Read(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            var length = stream.Length;
            var count = (int)Math.Min(length, Bytes);
            var bytes = new byte[count];
            stream.Position = length - count;
            stream.ReadExactly(bytes);
            var skip = 0;
            while (count < length && skip < Math.Min(3, count) && (bytes[skip] & 0xC0) == 0x80) skip++;
            return (System.Text.Encoding.UTF8.GetString(bytes, skip, count - skip), count == length);
        }
        catch (IOException)
        {
            return ("", true); // a program that removed its own stderr file leaves no tail to show
        }
    }
}
