namespace Sweeps.Server.Tests.Support;

public static class Specs
{
    public static string Noop(string name, int trials = 10, int sleepMs = 0, bool fail = false) => $"""
        name: {name}
        job: noop
        sampler: random
        trials: {trials}
        seed: 5
        parameters:
          sleep_ms: {sleepMs}
          fail: {(fail ? "true" : "false")}
        """;
}
