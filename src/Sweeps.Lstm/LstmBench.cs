using System.Diagnostics;
using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm;

/// <summary>
/// What <c>sweeps bench lstm</c> runs: one layer (as libtorch's nn.LSTM is compared), forward then full BPTT
/// with weight gradients, from a given gradient of the outputs; no input gradient (as for a first layer).
/// </summary>
public static class LstmBench
{
    public static BenchResult Measure(LstmVariant variant, int batch, int hidden, int input, int steps, int repetitions = 50)
    {
        if (batch < 1 || hidden < 1 || input < 1 || steps < 1 || repetitions < 1)
            throw new ArgumentOutOfRangeException(nameof(batch), "batch, hidden, input, steps and repetitions must be at least 1");
        var layout = new GateLayout(variant);
        var count = layout.ParameterCount(input, hidden);
        var parameters = new float[count];
        var gradients = new float[count];
        var rng = new Rng(1);
        var scale = 1 / Math.Sqrt(hidden);
        for (var p = 0; p < count; p++) parameters[p] = (float)rng.Uniform(-scale, scale);
        var layer = new LstmLayer<float>(variant, input, hidden, parameters, gradients, 0, batch, steps);
        var x = new float[batch * steps * input];
        for (var i = 0; i < x.Length; i++) x[i] = (float)rng.Uniform(-1, 1);
        var dy = new float[batch * steps * hidden];
        for (var i = 0; i < dy.Length; i++) dy[i] = (float)rng.Uniform(-0.01, 0.01);

        void Once()
        {
            layer.Forward(x, batch, steps);
            Array.Clear(gradients);
            layer.Backward(dy, computeInputGrad: false);
        }

        var warmup = Stopwatch.StartNew();
        do Once(); while (warmup.ElapsedMilliseconds < 200);

        var times = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var start = Stopwatch.GetTimestamp();
            Once();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        var median = repetitions % 2 == 1 ? times[repetitions / 2] : (times[repetitions / 2 - 1] + times[repetitions / 2]) / 2;
        return new BenchResult(variant, batch, hidden, input, steps, repetitions, median, times[0]);
    }
}
