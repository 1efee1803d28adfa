using System.Runtime.Intrinsics;
using Sweeps.Geometry.Angles;

namespace Sweeps.Geometry.Tests.Angles;

public class ArccosineTests
{
    private static readonly double[] Cosines = Enumerable.Range(-100_000, 200_001).Select(i => i / 100_000.0)
        .Concat([-1, 1, 0.5, -0.5, Math.BitDecrement(0.5), Math.BitIncrement(0.5), Math.BitDecrement(1), Math.BitIncrement(-1), 1e-300, -1e-300, 0.0])
        .ToArray();

    [Fact]
    public void Agrees_with_Math_Acos_to_a_few_units_in_the_last_place()
    {
        foreach (var x in Cosines) Assert.Equal(Math.Acos(x), Arccosine.Of(x), 1e-15);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(-1.0, Math.PI)]
    [InlineData(0.0, Math.PI / 2)]
    [InlineData(0.5, Math.PI / 3)]
    [InlineData(-0.5, 2 * Math.PI / 3)]
    public void Known_values(double x, double expected) => Assert.Equal(expected, Arccosine.Of(x), 1e-15);

    [Fact]
    public void The_vector_and_scalar_versions_agree_bit_for_bit()
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var vector = new double[Cosines.Length];
        Arccosine.Apply(Cosines, vector);
        for (var i = 0; i < Cosines.Length; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(Arccosine.Of(Cosines[i])), BitConverter.DoubleToInt64Bits(vector[i]));
    }
}
