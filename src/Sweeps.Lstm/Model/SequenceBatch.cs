namespace Sweeps.Lstm.Model;

/// <summary>
/// A batch of equally long sequences, time-major: row (t * Batch + b) holds step t of sequence b.
/// Allocated once for the largest batch and length, refilled for every update.
/// </summary>
public sealed class SequenceBatch<T> where T : unmanaged
{
    public SequenceBatch(int inputs, int outputs, int maxBatch, int maxSteps)
    {
        InputSize = inputs;
        OutputSize = outputs;
        MaxBatch = maxBatch;
        MaxSteps = maxSteps;
        Inputs = new T[maxBatch * maxSteps * inputs];
        Targets = new T[maxBatch * maxSteps * outputs];
        LossSteps = new bool[maxSteps];
    }

    public int InputSize { get; }
    public int OutputSize { get; }
    public int MaxBatch { get; }
    public int MaxSteps { get; }
    public int Batch { get; private set; } = 1;
    public int Steps { get; private set; } = 1;

    public T[] Inputs { get; }
    public T[] Targets { get; }

    /// <summary>The steps that carry a target (all of them for next-step prediction, the last one for the adding problem).</summary>
    public bool[] LossSteps { get; }

    public void Resize(int batch, int steps)
    {
        if (batch < 1 || batch > MaxBatch) throw new ArgumentOutOfRangeException(nameof(batch), $"must be 1 to {MaxBatch}");
        if (steps < 1 || steps > MaxSteps) throw new ArgumentOutOfRangeException(nameof(steps), $"must be 1 to {MaxSteps}");
        Batch = batch;
        Steps = steps;
    }

    public Span<T> Input(int step, int sequence) => Inputs.AsSpan((step * Batch + sequence) * InputSize, InputSize);

    public Span<T> Target(int step, int sequence) => Targets.AsSpan((step * Batch + sequence) * OutputSize, OutputSize);
}
