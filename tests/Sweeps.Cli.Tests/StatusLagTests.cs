using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps status</c> says how many journal events the results tables do not hold yet.</summary>
public sealed class StatusLagTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void After_a_run_status_shows_no_store_lag()
    {
        var spec = Files.Write(_folder, "lag.yaml", SpecFiles.Noop(name: "lag-test", trials: 50, sleepMs: 0));
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--workers", "2");
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");

        (code, output, errors) = SweepsProcess.Run(_folder, "status");
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("store lag 0 (the tables hold the whole journal)", output);
        (code, output, _) = SweepsProcess.Run(_folder, "status", "lag-test");
        Assert.Contains("0 (the tables hold the whole journal)", output);
    }
}
