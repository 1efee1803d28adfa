namespace Sweeps.Report.Tests.Support;

/// <summary>
/// A test that drives Debian's headless Chromium. Where it is missing the test is skipped with the reason, except
/// under CI=true: .ci/run installs it, so there a missing browser fails the test rather than hiding it.
/// </summary>
public sealed class NeedsChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public NeedsChromiumFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Executable) && !inCi) Skip = $"needs {Executable} (.ci/run installs it: apt-get install chromium)";
    }
}
