namespace Sweeps.Core.Jobs;

/// <summary>A checkpoint that cannot be saved or used (too large, damaged, from another trial or another spec); the message says which and why.</summary>
public sealed class TrialCheckpointException(string message, Exception? inner = null) : Exception(message, inner);
