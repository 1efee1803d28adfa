using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_command_prints_the_sweep_the_shell_loops_and_their_ratio_and_leaves_no_files()
    {
        var folder = TestStores.NewFolder();
        var work = Directory.CreateDirectory(Path.Combine(folder, "disk")).FullName;
        var (code, output, errors) = SweepsProcess.Run(folder, "bench", "command", "--trials", "20", "--workers", "1", "--work-dir", work);
        Assert.True(code == 0, output + errors);
        Assert.Contains("20 runs of", output);
        Assert.Matches(@"command sweep, first trial done to last\s+[0-9.]+\s+[0-9,]+", output);
        Assert.Matches(@"ratio command sweep / shell loop, runs/s: [0-9]+\.[0-9]{2}", output);
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    [Fact]
    public void A_work_dir_that_does_not_exist_is_refused()
    {
        var folder = TestStores.NewFolder();
        var (code, output, errors) = SweepsProcess.Run(folder, "bench", "command", "--work-dir", Path.Combine(folder, "nowhere"));
        Assert.NotEqual(0, code);
        Assert.Contains($"--work-dir: {Path.Combine(folder, "nowhere")} is not a folder on this machine", output + errors);
    }
}
