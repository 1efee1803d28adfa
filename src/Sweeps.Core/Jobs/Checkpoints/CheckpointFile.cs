using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sweeps.Core.Jobs;

/// <summary>
/// The file a checkpoint is kept in: a header, then the job's bytes.
/// Header (little-endian): the magic "SWEEPSCP", format version (int32), step (int64), state length (int64),
/// SHA-256 of the state (32 bytes), length of the trial's key (int32) and the key in UTF-8 ("sweep/index").
/// The length finds a torn file, the checksum a damaged one, the key a file copied from another trial.
/// </summary>
public static class CheckpointFile
{
    public const int Version = 1;
    private const int MaxKeyBytes = 1024;
    private static readonly byte[] Magic = "SWEEPSCP"u8.ToArray();
    private const int FixedHeader = 8 + 4 + 8 + 8 + 32 + 4;

    /// <summary>Names a trial inside its checkpoint files.</summary>
    public static string Key(string sweep, long trialIndex) => $"{sweep}/{trialIndex}";

    public static void Write(Stream stream, string key, long step, ReadOnlySpan<byte> state)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var header = new byte[FixedHeader + keyBytes.Length];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], step);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], state.Length);
        SHA256.HashData(state, span.Slice(28, 32));
        BinaryPrimitives.WriteInt32LittleEndian(span[60..], keyBytes.Length);
        keyBytes.CopyTo(span[FixedHeader..]);
        stream.Write(header);
        stream.Write(state);
    }

    /// <summary>Reads and checks a checkpoint file of the trial <paramref name="key"/> (<paramref name="name"/> in messages).</summary>
    /// <exception cref="TrialCheckpointException">The file is not a checkpoint, is from another format version or trial, is torn, too large or damaged.</exception>
    public static TrialCheckpoint Read(string path, string key, string name, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        string Refuse(string why) => $"checkpoint file {path} of {name} {why}";
        var fixedHeader = new byte[FixedHeader];
        if (stream.ReadAtLeast(fixedHeader, FixedHeader, throwOnEndOfStream: false) < FixedHeader)
            throw new TrialCheckpointException(Refuse($"is {stream.Length} bytes, shorter than a checkpoint header: it is torn or not a checkpoint"));
        var header = fixedHeader.AsSpan();
        if (!header[..8].SequenceEqual(Magic))
            throw new TrialCheckpointException(Refuse("does not start with SWEEPSCP: it is not a Sweeps checkpoint"));
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != Version)
            throw new TrialCheckpointException(Refuse($"has format version {version}; this Sweeps reads version {Version}"));
        var step = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        var length = BinaryPrimitives.ReadInt64LittleEndian(header[20..]);
        var checksum = header.Slice(28, 32).ToArray();
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(header[60..]);
        if (keyLength < 0 || keyLength > MaxKeyBytes)
            throw new TrialCheckpointException(Refuse($"names its trial in {keyLength} bytes (at most {MaxKeyBytes}): it is damaged"));
        var keyBytes = new byte[keyLength];
        if (stream.ReadAtLeast(keyBytes, keyLength, throwOnEndOfStream: false) < keyLength)
            throw new TrialCheckpointException(Refuse("ends inside its header: it is torn"));
        var owner = Encoding.UTF8.GetString(keyBytes);
        if (owner != key)
            throw new TrialCheckpointException(Refuse($"belongs to trial {owner}, not {key}: it was copied from another trial; delete it"));
        if (step < 0 || length < 0)
            throw new TrialCheckpointException(Refuse($"says step {step} and {length} bytes: it is damaged"));
        if (length > maxBytes)
            throw new TrialCheckpointException(Refuse($"holds {length:N0} bytes, more than the limit of {maxBytes:N0} bytes"));
        var expected = FixedHeader + keyLength + length;
        if (stream.Length != expected)
            throw new TrialCheckpointException(Refuse($"is {stream.Length:N0} bytes but its header says {expected:N0}: it is torn (a write cut short) or was changed"));
        var state = new byte[length];
        stream.ReadExactly(state);
        if (!SHA256.HashData(state).AsSpan().SequenceEqual(checksum))
            throw new TrialCheckpointException(Refuse("fails its SHA-256 checksum: it is damaged"));
        return new TrialCheckpoint(step, state);
    }
}
