namespace Sweeps.Report;

/// <summary>A report that cannot be made, said in the user's words (no such sweep, say).</summary>
public sealed class ReportException(string message) : Exception(message);
