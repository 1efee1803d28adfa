using System.Runtime.Intrinsics;
using Sweeps.Geometry.GridOccupancy;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Tests.GridOccupancy;

public class CellHashesTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(5, 3)]
    [InlineData(300, 10)]
    [InlineData(1001, 1000000)]
    public void The_scalar_fallback_gives_the_same_hashes_as_the_vector_path(int dimension, int bins)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var (v1, v2, s1, s2) = (new ulong[64], new ulong[64], new ulong[64], new ulong[64]);
        new CellHashes(dimension, bins, 3).Next(new Xoshiro256Lanes(4), v1, v2, vector: true);
        new CellHashes(dimension, bins, 3).Next(new Xoshiro256Lanes(4), s1, s2, vector: false);
        Assert.Equal(v1, s1);
        Assert.Equal(v2, s2);
    }

    [Theory]
    // dimension, bins: b^D distinct cells, all of them hit by 20,000 points
    [InlineData(1, 10)]
    [InlineData(2, 7)]
    [InlineData(3, 5)]
    public void Each_cell_gets_one_name_and_distinct_cells_distinct_names(int dimension, int bins)
    {
        var (first, second) = (new ulong[20_000], new ulong[20_000]);
        new CellHashes(dimension, bins, 8).Next(new Xoshiro256Lanes(8), first, second);
        Assert.Equal((int)Math.Pow(bins, dimension), first.Zip(second).Distinct().Count());
        Assert.Equal((int)Math.Pow(bins, dimension), first.Distinct().Count());
    }
}
