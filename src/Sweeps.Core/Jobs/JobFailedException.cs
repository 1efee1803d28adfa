namespace Sweeps.Core.Jobs;

/// <summary>
/// A trial that ran and failed, with the facts about how it ran (as <see cref="JobResult.Details"/>: the command line,
/// where its output was kept) so that they are stored with the failure. Any other exception fails a trial too, with
/// its message alone.
/// </summary>
public sealed class JobFailedException(string message, IReadOnlyDictionary<string, string> details, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Short facts about how the trial ran, stored with its failure.</summary>
    public IReadOnlyDictionary<string, string> Details { get; } = details;
}
