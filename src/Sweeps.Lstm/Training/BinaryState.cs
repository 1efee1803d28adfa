using System.Runtime.InteropServices;

namespace Sweeps.Lstm.Training;

/// <summary>Arrays of numbers in a checkpoint: a length, then the raw little-endian values, so a value comes back bit for bit.</summary>
public static class BinaryState
{
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        RequireLittleEndian();
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Fills <paramref name="values"/>; the stored length must equal its length.</summary>
    /// <exception cref="InvalidDataException">The stored array has another length.</exception>
    /// <exception cref="EndOfStreamException">The state ends inside the array.</exception>
    public static void ReadArray<T>(BinaryReader reader, Span<T> values, string what) where T : unmanaged
    {
        RequireLittleEndian();
        var length = reader.ReadInt32();
        if (length != values.Length) throw new InvalidDataException($"{what}: {length} values where {values.Length} belong");
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values));
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoints are written on little-endian machines only");
    }
}
