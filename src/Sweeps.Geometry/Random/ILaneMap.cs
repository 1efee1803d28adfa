using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Random;

/// <summary>Turns one step of 32 random words (four Vector512s, lanes 0-7, 8-15, 16-23, 24-31) into 32 doubles.</summary>
/// <remarks><see cref="MapScalar"/> must give the same values as <see cref="Map"/> (up to the last bit of library functions).</remarks>
public interface ILaneMap
{
    static abstract void Map(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d, ref double destination);

    static abstract void MapScalar(ReadOnlySpan<ulong> words, Span<double> destination);
}
