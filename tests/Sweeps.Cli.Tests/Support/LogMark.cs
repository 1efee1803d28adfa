namespace Sweeps.Cli.Tests.Support;

/// <summary>A place in a process's logs (lengths of its error and output streams so far).</summary>
public readonly record struct LogMark(int Errors, int Output);
