namespace Sweeps.Lstm;

/// <summary>The median time of one forward and backward pass through one LSTM layer, float32, on the calling thread.</summary>
/// <remarks><see cref="FastestMilliseconds"/> helps on a shared machine, where the median carries other people's load.</remarks>
public sealed record BenchResult(LstmVariant Variant, int Batch, int Hidden, int Input, int Steps, int Repetitions, double MedianMilliseconds, double FastestMilliseconds)
{
    public double SequencesPerSecond => Batch / (MedianMilliseconds / 1000);

    public double GigaflopsPerSecond => 3.0 * 8 * Batch * Steps * Hidden * (double)(Input + Hidden) / (MedianMilliseconds * 1e6);
}
