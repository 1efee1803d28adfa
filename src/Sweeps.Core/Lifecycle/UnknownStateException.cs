namespace Sweeps.Core.Lifecycle;

/// <summary>A text that names no sweep state or trial status; the message lists the ones there are.</summary>
public sealed class UnknownStateException(string message) : FormatException(message);
