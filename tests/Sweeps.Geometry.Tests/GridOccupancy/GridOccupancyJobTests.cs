using Sweeps.Geometry.GridOccupancy;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.GridOccupancy;

public class GridOccupancyJobTests
{
    [Theory]
    // dimension, expected occupied cells for N = 1000, b = 10 (science.md)
    [InlineData(1, 10.0)]
    [InlineData(3, 632.3)]
    [InlineData(4, 951.7)]
    [InlineData(6, 999.5)]
    [InlineData(400, 1000.0)]
    [InlineData(10_000, 1000.0)]
    public void The_expected_occupancy_is_M_times_one_minus_one_minus_one_over_M_to_the_N(int dimension, double expected)
    {
        Assert.Equal(expected, OccupancyClosedForm.ExpectedOccupied(1000, dimension, 10), 0.05);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 10)]
    [InlineData(4, 10)]
    [InlineData(6, 10)]
    [InlineData(20, 2)]
    [InlineData(10, 3)]
    public void The_count_agrees_with_the_closed_form_within_four_standard_deviations(int dimension, int bins)
    {
        var m = Trial.Run("geometry.grid-occupancy", $"dimension={dimension}, points=1000, bins={bins}").Metrics;

        Assert.Equal(m["occupied_cells_exact"], m["occupied_cells"], 4 * m["occupied_cells_sd"] + 0.5);
        Assert.Equal(m["empty_fraction_exact"], m["empty_fraction"], 1e-3 + 4 * m["occupied_cells_sd"] / Math.Pow(bins, dimension));
        Assert.Equal(m["points_alone_fraction_exact"], m["points_alone_fraction"], 0.05);
    }

    [Fact]
    public void The_standard_deviation_formula_matches_the_spread_over_seeds()
    {
        var counts = Enumerable.Range(0, 200)
            .Select(seed => Trial.Run("geometry.grid-occupancy", "dimension=3, points=1000", (ulong)seed).Metrics["occupied_cells"])
            .ToArray();
        var sd = OccupancyClosedForm.OccupiedStandardDeviation(1000, 3, 10);
        var mean = counts.Average();
        var spread = Math.Sqrt(counts.Select(c => (c - mean) * (c - mean)).Sum() / (counts.Length - 1));

        Assert.Equal(632.3, mean, 4 * sd / Math.Sqrt(counts.Length));
        Assert.InRange(spread / sd, 0.8, 1.2);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    public void In_high_dimension_every_point_is_alone_and_the_grid_is_empty(int dimension)
    {
        var m = Trial.Run("geometry.grid-occupancy", $"dimension={dimension}, points=200").Metrics;

        Assert.Equal(200, m["occupied_cells"]);
        Assert.Equal(1, m["points_alone_fraction"]);
        Assert.Equal(1, m["empty_fraction"]);
        Assert.Equal(dimension, m["log10_cells"], 1e-9);
    }

    [Fact]
    public void One_bin_per_axis_is_one_cell_holding_every_point()
    {
        var m = Trial.Run("geometry.grid-occupancy", "dimension=5, points=100, bins=1").Metrics;

        Assert.Equal(1, m["occupied_cells"]);
        Assert.Equal(1, m["occupied_cells_exact"]);
        Assert.Equal(0, m["empty_fraction"]);
        Assert.Equal(0, m["points_alone_fraction"]);
    }
}
