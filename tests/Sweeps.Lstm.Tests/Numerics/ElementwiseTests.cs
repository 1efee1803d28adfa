using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tests.Numerics;

public class ElementwiseTests
{
    [Theory]
    [InlineData(new[] { 1f, -3f, 2f }, 3f)]
    [InlineData(new[] { 0.5f, -0.25f, 7f, -9f, 1f, 2f, 3f, 4f, 5f, 6f, -8.5f }, 9f)]
    [InlineData(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, -70f, 9f, 10f }, 70f)]
    [InlineData(new[] { 1f, 2f, float.NaN, 4f, 5f, 6f, 7f, 8f, 9f }, float.NaN)]
    [InlineData(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, float.NaN }, float.NaN)]
    [InlineData(new[] { 1f, float.NegativeInfinity, 3f, 4f, 5f, 6f, 7f, 8f }, float.PositiveInfinity)]
    public void The_largest_magnitude_sees_every_element_and_any_NaN(float[] values, float expected)
    {
        Assert.Equal(expected, Elementwise.MaxMagnitude<float>(values));
    }
}
