namespace Sweeps.Lstm.Tasks;

/// <summary>
/// One sequence of a task: Steps x inputs and Steps x outputs, row-major by step.
/// <see cref="Legal"/>, where a task knows it, marks the outputs a perfect predictor could expect at each step.
/// </summary>
public sealed record Sequence(double[] Inputs, double[] Targets, double[]? Legal = null);
