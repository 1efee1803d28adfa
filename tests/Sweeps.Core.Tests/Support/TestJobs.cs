using Sweeps.Core.Jobs;

namespace Sweeps.Core.Tests.Support;

/// <summary>The job kinds the tests load specs against: noop, a small model with one parameter of each kind (some bounded, one of choices), and a wide one.</summary>
public static class TestJobs
{
    public static JobDefinition Model { get; } = new(
        "fake.model",
        "A model with one parameter of each kind, for spec tests.",
        [
            JobParameter.Integer("dimension", "how many dimensions").Within(1, 1000),
            JobParameter.Real("epsilon", "tolerance", 0.01),
            JobParameter.Integer("hidden", "hidden units", 64),
            JobParameter.Real("learning_rate", "step size", 1e-3),
            JobParameter.Text("optimizer", "adam or sgd", "adam"),
            JobParameter.Text("activation", "relu or tanh", "tanh").OneOf(["relu", "tanh"]),
        ],
        ["fraction", "loss"],
        () => new NoopJob());

    /// <summary>More parameters than Sobol has dimensions.</summary>
    public static JobDefinition Wide { get; } = new(
        "fake.wide",
        "Forty real parameters, for sobol's dimension limit.",
        Enumerable.Range(0, 40).Select(i => JobParameter.Real($"x{i}", "a coordinate", 0)).ToList(),
        [],
        () => new NoopJob());

    public static JobRegistry Registry() => new JobRegistry().Register(NoopJob.Definition).Register(Model).Register(Wide);
}
