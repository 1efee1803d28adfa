namespace Sweeps.Cli.Tests.Support;

internal static class SpecFiles
{
    public static string Noop(string name = "crash-test", int trials = 300, double sleepMs = 20) => $"""
        name: {name}
        job: noop
        sampler: random
        trials: {trials}
        seed: 11
        parameters:
          sleep_ms: {sleepMs}
        objective: {"{"}metric: value, goal: maximize{"}"}
        """;
}
