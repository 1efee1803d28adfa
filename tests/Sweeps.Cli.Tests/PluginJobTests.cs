using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>A job from a plugin assembly (tests/Sweeps.ExamplePlugin) through the real <c>sweeps</c> process, and plugin paths that are not plugins.</summary>
public sealed class PluginJobTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Database => Path.Combine(_folder, "sweeps.db");

    [Fact]
    public void A_plugin_job_runs_through_sweeps_run_like_a_built_in_one_and_its_metrics_land_in_the_store()
    {
        var spec = Files.Write(_folder, "pi.yaml", ExamplePlugin.Spec(trials: 6));
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--jobs", ExamplePlugin.Path, "--workers", "2");
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");

        var rows = Files.Query(Database, "SELECT status, metrics FROM trials WHERE sweep = 'pi' ORDER BY trial_index");
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal("completed", r[0]));
        foreach (var row in rows)
        {
            using var metrics = System.Text.Json.JsonDocument.Parse((string)row[1]!);
            Assert.InRange(metrics.RootElement.GetProperty("pi").GetDouble(), 3.1, 3.2);
            Assert.InRange(metrics.RootElement.GetProperty("error").GetDouble(), 0, 0.05);
        }

        // The same spec again: nothing runs again, and the results are the seed's (deterministic).
        var again = SweepsProcess.Run(_folder, "run", spec, "--jobs", ExamplePlugin.Path);
        Assert.True(again.ExitCode == 0, again.Output + again.Errors);
        Assert.Equal(rows.Select(r => r[1]), Files.Query(Database, "SELECT metrics FROM trials WHERE sweep = 'pi' ORDER BY trial_index").Select(r => r[0]));
    }

    [Fact]
    public void Without_the_plugin_its_kind_is_unknown_and_with_it_the_schema_lists_it()
    {
        var spec = Files.Write(_folder, "pi.yaml", ExamplePlugin.Spec());
        var (code, _, errors) = SweepsProcess.Run(_folder, "run", spec);
        Assert.Equal(2, code);
        Assert.Contains("unknown job kind 'example.pi'", errors);

        var schema = SweepsProcess.Run(_folder, "schema", "--jobs", ExamplePlugin.Path);
        Assert.Equal(0, schema.ExitCode);
        Assert.Contains("\"example.pi\"", schema.Output);
        Assert.Contains("Estimates pi from seeded random points", schema.Output);
    }

    [Fact]
    public void A_trial_its_job_refuses_is_not_failed_the_sweep_waits_and_status_says_why()
    {
        var spec = Files.Write(_folder, "needs.yaml", ExamplePlugin.Spec(name: "needs-data", trials: 3, dataFile: "/nonexistent/sweeps-data.csv"));
        using var run = SweepsProcess.Start(_folder, "run", spec, "--jobs", ExamplePlugin.Path, "--workers", "1");
        run.WaitForLog("Sweep needs-data waits", TimeSpan.FromSeconds(120));
        Assert.Contains("cannot run sweep needs-data", run.Errors);

        var status = Eventually.Until(() => SweepsProcess.Run(_folder, "status", "needs-data"), s => s.Output.Contains("waiting"),
            s => s.Output, TimeSpan.FromMinutes(1), () => "status to show the waiting reason");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("the data file /nonexistent/sweeps-data.csv is not on this worker", status.Output);
        Assert.Contains("refused", status.Output);
        var list = SweepsProcess.Run(_folder, "status");
        Assert.Contains("needs-data waits", list.Output);
        Assert.Equal(0, Files.Count(Database, "SELECT COUNT(*) FROM trials WHERE sweep = 'needs-data' AND status = 'failed'"));
        Assert.False(run.HasExited);
    }

    public static TheoryData<string, string> NotPlugins() => new()
    {
        { "missing.dll", "there is no such file" },
        { "folder", "is a folder" },
        { "text.dll", "is not a .NET assembly" },
        { "YamlDotNet.dll", "holds no job" },
        { "Sweeps.Geometry.dll", "is already built into Sweeps" },
        { "", "the path is empty" },
    };

    [Theory, MemberData(nameof(NotPlugins))]
    public void A_jobs_path_that_is_not_a_plugin_is_refused_with_exit_2_and_nothing_runs(string name, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "folder"));
        File.WriteAllText(Path.Combine(_folder, "text.dll"), "not an assembly\n");
        var path = name is "YamlDotNet.dll" or "Sweeps.Geometry.dll" ? Path.Combine(AppContext.BaseDirectory, name) : name.Length == 0 ? "" : Path.Combine(_folder, name);
        var spec = Files.Write(_folder, "smoke.yaml", SpecFiles.Noop(trials: 2, sleepMs: 0));

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--jobs", path);

        Assert.True(code == 2, $"exit {code}\n{output}\n{errors}");
        Assert.Contains("--jobs", errors);
        Assert.Contains(expected, errors);
        Assert.False(File.Exists(Database), "nothing may start, not even a store");
    }

    [Fact]
    public void The_same_plugin_given_twice_is_loaded_once_and_a_worker_label_that_is_not_name_value_is_refused()
    {
        var spec = Files.Write(_folder, "pi.yaml", ExamplePlugin.Spec(trials: 1, samples: 1000));
        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--jobs", ExamplePlugin.Path, "--jobs", ExamplePlugin.Path);
        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");

        var label = SweepsProcess.Run(_folder, "worker", "--seed", "127.0.0.1:1", "--label", "gpu");
        Assert.Equal(2, label.ExitCode);
        Assert.Contains("--label: 'gpu' is not NAME=VALUE", label.Errors);
        var badName = SweepsProcess.Run(_folder, "worker", "--seed", "127.0.0.1:1", "--label", "gpu model=a100");
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("is not a label name", badName.Errors);
    }
}
