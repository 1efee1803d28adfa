using Sweeps.Core.Sampling;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Sampling;

/// <summary>
/// Sobol points are stratified: the first 2^m points put exactly one point in each dyadic interval of every dimension,
/// and in each dyadic box of the first two dimensions; a seed's digital shift keeps that.
/// </summary>
public class SobolSamplerTests
{
    private const int MaxM = 10;
    private const int Points = 1 << MaxM;

    public static TheoryData<ulong> Seeds => [0UL, 1UL, 42UL, ulong.MaxValue];

    [Fact]
    public void The_unshifted_sequence_matches_the_published_first_points()
    {
        // Gray-code order, as SciPy and Joe & Kuo list them: point n is natural-order point n ^ (n >> 1).
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];

        for (var n = 0; n < expected.Length; n++)
        for (var d = 0; d < 3; d++)
            Assert.Equal(expected[n][d], SobolSequence.ToUnit(SobolSequence.Bits(n ^ (n >> 1), d)));
    }

    [Fact]
    public void Every_direction_number_is_an_odd_binary_fraction_below_one()
    {
        for (var d = 0; d < SobolDirectionNumbers.MaxDimensions; d++)
        {
            var v = SobolDirectionNumbers.Of(d);
            for (var k = 0; k < SobolDirectionNumbers.Bits; k++)
            {
                // v_k = m_k / 2^k with m_k odd: the lowest set bit is bit 64 - k (k counted from 1).
                Assert.True((v[k] >> (63 - k) & 1) == 1, $"dimension {d}, v_{k + 1} has an even m");
                Assert.Equal(0UL, k == 63 ? 0 : v[k] & ((1UL << (63 - k)) - 1));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_dimension_puts_one_point_in_each_of_2_to_the_m_intervals(ulong seed)
    {
        var sampler = Unit(SobolSampler.MaxDimensions, seed);

        for (var d = 0; d < SobolSampler.MaxDimensions; d++)
        {
            var u = Enumerable.Range(0, Points).Select(i => sampler.UnitAt(i, d)).ToArray();
            for (var m = 0; m <= MaxM; m++)
            {
                var cells = u.Take(1 << m).Select(x => (int)Math.Floor(x * (1 << m))).ToHashSet();
                Assert.True(cells.Count == 1 << m, $"dimension {d}, m = {m}: {cells.Count} of {1 << m} intervals hit");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_first_two_dimensions_put_one_point_in_each_dyadic_box(ulong seed)
    {
        var sampler = Unit(2, seed);
        var points = Enumerable.Range(0, Points).Select(i => (X: sampler.UnitAt(i, 0), Y: sampler.UnitAt(i, 1))).ToArray();

        for (var m = 0; m <= MaxM; m++)
        for (var a = 0; a <= m; a++)
        {
            var boxes = points.Take(1 << m).Select(p => ((int)(p.X * (1 << a)), (int)(p.Y * (1 << (m - a))))).ToHashSet();
            Assert.True(boxes.Count == 1 << m, $"m = {m}, boxes 2^-{a} by 2^-{m - a}: {boxes.Count} of {1 << m} hit");
        }
    }

    [Fact]
    public void Different_seeds_shift_the_points()
    {
        Assert.NotEqual(Unit(1, 1).UnitAt(5, 0), Unit(1, 2).UnitAt(5, 0));
    }

    [Fact]
    public void A_list_takes_each_value_equally_often_in_the_first_points()
    {
        var sampler = new SobolSampler([Some.Range("x", 0, 1), Some.Choice("c", 1, 2, 3, 4)], 3, 16);

        var counts = Enumerable.Range(0, 16).GroupBy(i => sampler.PointAt(i).GetInteger("c")).Select(g => g.Count());

        Assert.Equal([4, 4, 4, 4], counts);
    }

    [Fact]
    public void Too_many_dimensions_are_refused()
    {
        var space = Enumerable.Range(0, SobolSampler.MaxDimensions + 1).Select(i => (ParameterSpec)Some.Range($"x{i}", 0, 1)).ToList();

        Assert.Throws<ArgumentException>(() => new SobolSampler(space, 0, 10));
    }

    private static SobolSampler Unit(int dimensions, ulong seed) =>
        new(Enumerable.Range(0, dimensions).Select(i => (ParameterSpec)Some.Range($"x{i}", 0, 1)).ToList(), seed, Points);
}
