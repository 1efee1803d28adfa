using Sweeps.Cli.Tests.Support;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Tests;

/// <summary>The README points people at config/sweeps/: every spec there loads against the built-in jobs, as written.</summary>
public sealed class ExampleSpecsTests
{
    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(RepositoryFolder.Root, "config", "sweeps"), "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_spec_loads(string file)
    {
        var specs = SpecLoader.LoadFile(Path.Combine(RepositoryFolder.Root, "config", "sweeps", file), BuiltInJobs.Create());
        Assert.NotEmpty(specs);
    }

    [Fact]
    public void The_asha_example_halves_on_the_epochs_its_trials_run()
    {
        var spec = SpecLoader.LoadFile(Path.Combine(RepositoryFolder.Root, "config", "sweeps", "lstm-asha.yaml"), BuiltInJobs.Create()).Single();
        Assert.Equal((SchedulerKind.Asha, 27L), (spec.Scheduler!.Kind, spec.Scheduler.MaxResource));
        Assert.Equal(27.0, spec.Parameters.OfType<ConstantParameter>().Single(p => p.Name == "max_epochs").Value.Number);
    }
}
