using System.Runtime.Intrinsics;
using Sweeps.Geometry.BallInCube;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Tests.BallInCube;

public class CubePointNormsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void The_fused_block_is_the_documented_layout_of_the_generator_words(int dimension)
    {
        var norms = new double[16];
        new CubePointNorms(dimension).Fill(new Xoshiro256Lanes(5), norms);

        // Step s holds coordinates 4s .. 4s+3 of eight points, one point a lane.
        var steps = (dimension + 3) / 4;
        var words = new ulong[2 * steps * Xoshiro256Lanes.Lanes];
        new Xoshiro256Lanes(5).FillBits(words);
        for (var point = 0; point < 16; point++)
        {
            var (block, lane) = (point / 8, point % 8);
            double expected = 0;
            for (var j = 0; j < dimension; j++)
            {
                var x = BitConverter.UInt64BitsToDouble((words[(block * steps + j / 4) * Xoshiro256Lanes.Lanes + 8 * (j % 4) + lane] >> 12) | 0x3FF0000000000000UL) - 1.5;
                expected += x * x;
            }
            Assert.Equal(expected, norms[point], 1e-12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(603)]
    public void The_scalar_fallback_gives_the_same_bits_as_the_fused_path(int dimension)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var (fused, scalar) = (new double[64], new double[64]);
        new CubePointNorms(dimension).Fill(new Xoshiro256Lanes(6), fused, fused: true);
        new CubePointNorms(dimension).Fill(new Xoshiro256Lanes(6), scalar, fused: false);
        Assert.Equal(fused.Select(BitConverter.DoubleToInt64Bits), scalar.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void The_mean_squared_norm_is_D_over_12()
    {
        var norms = new double[8 * 10_000];
        new CubePointNorms(30).Fill(new Xoshiro256Lanes(9), norms);
        Assert.Equal(30 / 12.0, norms.Average(), 0.01);
    }
}
