using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tests.Numerics;

public class GemmTests
{
    [Theory]
    [InlineData(1, 128, 32, false)]
    [InlineData(5, 70, 3, false)]
    [InlineData(4, 64, 300, true)]
    [InlineData(7, 19, 9, true)]
    [InlineData(33, 512, 128, false)]
    [InlineData(3, 8, 600, true)]
    [InlineData(12, 128, 700, true)]
    [InlineData(9, 80, 40, false)]
    public void The_blocked_product_matches_the_textbook_one(int m, int n, int k, bool transposedA)
    {
        var rng = new Rng(1);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        var c = Enumerable.Range(0, m * n).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        var original = (float[])c.Clone();
        var expected = (float[])c.Clone();
        int rowStride = transposedA ? 1 : k, colStride = transposedA ? m : 1;
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = expected[i * n + j];
                for (var p = 0; p < k; p++) sum += (double)a[i * rowStride + p * colStride] * b[p * n + j];
                expected[i * n + j] = (float)sum;
            }

        Gemm.MultiplyAdd<float>(m, n, k, a, rowStride, colStride, b, n, c, n);
        for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 1e-4 * Math.Sqrt(k));

        if (!Gemm.CanPack<float>(n)) return;
        var packed = new float[k * n];
        var transposedB = new float[n * k];
        for (var p = 0; p < k; p++)
            for (var j = 0; j < n; j++) transposedB[j * k + p] = b[p * n + j];
        foreach (var (source, rows, columns) in new[] { (b, n, 1), (transposedB, 1, k) })
        {
            Gemm.Pack<float>(k, n, source, rows, columns, packed);
            var fromPacked = (float[])original.Clone();
            Gemm.MultiplyAddPacked<float>(m, n, k, a, rowStride, colStride, packed, fromPacked, n);
            for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i], fromPacked[i], 1e-4 * Math.Sqrt(k));
        }
    }
}
