using System.Runtime.Intrinsics;
using Sweeps.Core.Trials;
using Sweeps.Geometry.Random;

namespace Sweeps.Geometry.Tests.Random;

public class Xoshiro256LanesTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(42UL)]
    [InlineData(ulong.MaxValue)]
    public void Each_lane_is_a_plain_xoshiro256_plus_stream(ulong seed)
    {
        var words = new ulong[Xoshiro256Lanes.Lanes * 50];
        new Xoshiro256Lanes(seed).FillBits(words);

        for (var lane = 0; lane < Xoshiro256Lanes.Lanes; lane += 7)
        {
            var s = new ulong[4];
            for (var w = 0; w < 4; w++) s[w] = TrialSeed.SplitMix64(seed + (ulong)(w * Xoshiro256Lanes.Lanes + lane + 1) * 0x9E3779B97F4A7C15UL);
            for (var k = 0; k < 50; k++)
            {
                Assert.Equal(s[0] + s[3], words[k * Xoshiro256Lanes.Lanes + lane]);
                var t = s[1] << 17;
                s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
                s[3] = ulong.RotateLeft(s[3], 45);
            }
        }
    }

    public static TheoryData<string> Maps => ["bits", "unit", "signed", "centered"];

    [Theory]
    [MemberData(nameof(Maps))]
    public void The_scalar_fallback_gives_the_same_bits_as_the_vector_path(string map)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var (vector, scalar) = (new double[1000], new double[1000]);
        Fill(new Xoshiro256Lanes(7), map, vector, useVector: true);
        Fill(new Xoshiro256Lanes(7), map, scalar, useVector: false);
        Assert.Equal(vector.Select(BitConverter.DoubleToUInt64Bits), scalar.Select(BitConverter.DoubleToUInt64Bits));
    }

    [Fact]
    public void The_scalar_gaussians_agree_with_the_vector_ones_to_the_last_bits()
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var (vector, scalar) = (new double[4096], new double[4096]);
        new Xoshiro256Lanes(7).FillVector<BoxMuller>(vector);
        new Xoshiro256Lanes(7).FillScalar<BoxMuller>(scalar);
        for (var i = 0; i < vector.Length; i++) Assert.Equal(scalar[i], vector[i], 1e-13);
    }

    [Theory]
    [InlineData("unit", 0.0, 1.0)]
    [InlineData("signed", -1.0, 1.0)]
    [InlineData("centered", -0.5, 0.5)]
    public void Uniforms_cover_their_interval_with_the_right_mean_and_variance(string map, double low, double high)
    {
        var values = new double[1 << 20];
        Fill(new Xoshiro256Lanes(3), map, values, useVector: Vector512.IsHardwareAccelerated);
        Assert.All(values, v => Assert.InRange(v, low, Math.BitDecrement(high)));
        var width = high - low;
        Assert.Equal((low + high) / 2, values.Average(), 4 * width / Math.Sqrt(12 * values.Length));
        Assert.Equal(width * width / 12, values.Select(v => (v - (low + high) / 2) * (v - (low + high) / 2)).Average(), 0.002 * width * width);
    }

    [Fact]
    public void Gaussians_have_the_moments_and_tails_of_a_standard_normal()
    {
        var z = new double[1 << 21];
        new Xoshiro256Lanes(11).FillGaussian(z);
        var n = (double)z.Length;
        Assert.Equal(0, z.Average(), 4 / Math.Sqrt(n));
        Assert.Equal(1, z.Select(v => v * v).Average(), 4 * Math.Sqrt(2 / n));
        Assert.Equal(3, z.Select(v => v * v * v * v).Average(), 4 * Math.Sqrt(96 / n));
        var tail = z.Count(v => Math.Abs(v) > 1.959963984540054) / n;
        Assert.Equal(0.05, tail, 4 * Math.Sqrt(0.05 * 0.95 / n));
    }

    [Fact]
    public void Lengths_that_are_not_a_multiple_of_32_are_filled_completely()
    {
        var values = new double[45];
        new Xoshiro256Lanes(5).FillUnit(values);
        Assert.All(values, v => Assert.NotEqual(0, v));
    }

    private static void Fill(Xoshiro256Lanes random, string map, double[] destination, bool useVector)
    {
        switch (map)
        {
            case "bits": if (useVector) random.FillVector<RawBits>(destination); else random.FillScalar<RawBits>(destination); break;
            case "unit": if (useVector) random.FillVector<UnitInterval>(destination); else random.FillScalar<UnitInterval>(destination); break;
            case "signed": if (useVector) random.FillVector<SignedInterval>(destination); else random.FillScalar<SignedInterval>(destination); break;
            default: if (useVector) random.FillVector<CenteredInterval>(destination); else random.FillScalar<CenteredInterval>(destination); break;
        }
    }
}
