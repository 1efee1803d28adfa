using Sweeps.Cluster.Hosting;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Tests.Support;

/// <summary>Specs the cluster tests run, as canonical text (what the coordinator receives).</summary>
public static class Specs
{
    public static JobRegistry Jobs { get; } = new JobRegistry().Register(NoopJob.Definition);

    public static string Noop(string name = "noop-sweep", int trials = 10, double sleepMs = 0, bool fail = false) =>
        SpecText.ToCanonicalYaml(Parse(name, trials, sleepMs, fail));

    public static SweepSpec Parse(string name = "noop-sweep", int trials = 10, double sleepMs = 0, bool fail = false) =>
        SpecLoader.Parse($"""
            name: {name}
            job: noop
            sampler: random
            trials: {trials}
            seed: 5
            parameters:
              sleep_ms: {sleepMs.ToString(System.Globalization.CultureInfo.InvariantCulture)}
              fail: {(fail ? "true" : "false")}
            """, "test.yaml", Jobs).Single();
}
