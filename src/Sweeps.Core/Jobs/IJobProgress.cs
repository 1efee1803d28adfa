namespace Sweeps.Core.Jobs;

/// <summary>How a running job reports how far it is and, optionally, intermediate metrics (a validation loss after each epoch).</summary>
public interface IJobProgress
{
    /// <summary>Says how far the trial is; cheap enough to call after every epoch or chunk of work (the latest report wins).</summary>
    /// <param name="fraction">Share of the work done, from 0 to 1.</param>
    /// <param name="step">The step the metrics belong to (an epoch, a batch of samples); used to order intermediate metrics.</param>
    /// <param name="metrics">Intermediate metrics, or null when only progress is reported.</param>
    void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null);
}

/// <summary>Progress channels for running a job outside the orchestrator.</summary>
public static class JobProgress
{
    /// <summary>A progress channel that drops everything, for running a job outside the orchestrator.</summary>
    public static IJobProgress None { get; } = new Nothing();

    private sealed class Nothing : IJobProgress
    {
        public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null) { }
    }
}
