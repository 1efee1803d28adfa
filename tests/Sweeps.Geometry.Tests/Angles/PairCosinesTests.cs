using System.Runtime.Intrinsics;
using Sweeps.Geometry.Angles;
using Sweeps.Geometry.Kernels;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Tests.Angles;

public class PairCosinesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    public void The_fused_block_is_the_documented_layout_of_the_generator_words(int dimension)
    {
        var cosines = new double[16];
        new PairCosines(dimension).Fill(new Xoshiro256Lanes(5), cosines);

        // Rebuild the same pairs from plain words: step s holds x_2s, y_2s, x_2s+1, y_2s+1, eight pairs a vector.
        var steps = (dimension + 1) / 2;
        var words = new ulong[2 * steps * Xoshiro256Lanes.Lanes];
        new Xoshiro256Lanes(5).FillBits(words);
        for (var pair = 0; pair < 16; pair++)
        {
            var (block, lane) = (pair / 8, pair % 8);
            var x = new double[dimension];
            var y = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                var at = (block * steps + j / 2) * Xoshiro256Lanes.Lanes + 16 * (j % 2) + lane;
                x[j] = 2 * BitConverter.UInt64BitsToDouble((words[at] >> 12) | 0x3FF0000000000000UL) - 3;
                y[j] = 2 * BitConverter.UInt64BitsToDouble((words[at + 8] >> 12) | 0x3FF0000000000000UL) - 3;
            }
            var (dot, xx, yy) = Reductions.DotAndNorms(x, y);
            Assert.Equal(Math.Clamp(dot / Math.Sqrt(xx * yy), -1, 1), cosines[pair], 1e-12);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    [InlineData(301)]
    public void The_scalar_fallback_gives_the_same_bits_as_the_fused_path(int dimension)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var (fused, scalar) = (new double[64], new double[64]);
        new PairCosines(dimension).Fill(new Xoshiro256Lanes(6), fused, fused: true);
        new PairCosines(dimension).Fill(new Xoshiro256Lanes(6), scalar, fused: false);
        Assert.Equal(fused.Select(BitConverter.DoubleToInt64Bits), scalar.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void The_cosines_of_random_pairs_are_centred_on_zero()
    {
        var cosines = new double[8 * 20_000];
        new PairCosines(20).Fill(new Xoshiro256Lanes(8), cosines);
        var sd = 1 / Math.Sqrt(20);
        Assert.Equal(0, cosines.Average(), 4 * sd / Math.Sqrt(cosines.Length));
        Assert.Equal(sd, Math.Sqrt(cosines.Select(c => c * c).Average()), 0.01);
    }
}
