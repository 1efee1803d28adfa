using System.Runtime.Intrinsics;
using Sweeps.Geometry.DistanceConcentration;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Tests.DistanceConcentration;

public class QueryDistancesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(100)]
    public void The_fused_block_is_the_documented_layout_of_the_generator_words(int dimension)
    {
        var query = Enumerable.Range(0, dimension).Select(j => (j % 10) / 10.0).ToArray();
        var distances = new double[16];
        new QueryDistances(query).Fill(new Xoshiro256Lanes(5), distances);

        var steps = (dimension + 3) / 4;
        var words = new ulong[2 * steps * Xoshiro256Lanes.Lanes];
        new Xoshiro256Lanes(5).FillBits(words);
        for (var point = 0; point < 16; point++)
        {
            var (block, lane) = (point / 8, point % 8);
            double expected = 0;
            for (var j = 0; j < dimension; j++)
            {
                var x = BitConverter.UInt64BitsToDouble((words[(block * steps + j / 4) * Xoshiro256Lanes.Lanes + 8 * (j % 4) + lane] >> 12) | 0x3FF0000000000000UL) - 1;
                expected += (x - query[j]) * (x - query[j]);
            }
            Assert.Equal(expected, distances[point], 1e-12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(603)]
    public void The_scalar_fallback_gives_the_same_bits_as_the_fused_path(int dimension)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var query = new double[dimension];
        new Xoshiro256Lanes(1).FillUnit(query);
        var (fused, scalar) = (new double[64], new double[64]);
        new QueryDistances(query).Fill(new Xoshiro256Lanes(6), fused, fused: true);
        new QueryDistances(query).Fill(new Xoshiro256Lanes(6), scalar, fused: false);
        Assert.Equal(fused.Select(BitConverter.DoubleToInt64Bits), scalar.Select(BitConverter.DoubleToInt64Bits));
    }
}
