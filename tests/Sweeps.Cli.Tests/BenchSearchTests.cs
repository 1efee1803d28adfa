using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

public sealed class BenchSearchTests
{
    [Fact]
    public void Bench_search_prints_each_samplers_regret_and_the_ratios_to_random_for_both_functions()
    {
        var (code, output, errors) = SweepsProcess.Run(TestStores.NewFolder(), "bench", "search", "--trials", "20", "--seeds", "3", "--asha-configurations", "9");
        Assert.True(code == 0, output + errors);
        Assert.Contains("median simple regret after 20 trials, 3 seeds", output);
        Assert.Matches(@"branin(\s+[0-9.e-]+){4}(\s+[0-9]+\.[0-9]{2}){3}", output); // random, tpe, multivariate twice; three ratios
        Assert.Matches(@"hartmann6(\s+[0-9.e-]+){4}(\s+[0-9]+\.[0-9]{2}){3}", output); // random, tpe, multivariate twice; three ratios
        Assert.Contains("lstm.train on Reber, 9 configurations", output);
        Assert.Matches(@"random, 9 epochs each\s+[0-9.e-]+\s+81\s+[0-9]+", output); // 9 configurations of 9 epochs
        Assert.Matches(@"successive halving, rungs 1/3/9, η 3\s+[0-9.e-]+\s+21\s", output); // 9 + 3 x 2 + 1 x 6
        Assert.Matches(@"asynchronous \(asha\), rungs 1/3/9, η 3\s+[0-9.e-]+\s+[0-9]+\s", output);
        Assert.Matches(@"halving / random, epochs to random's best: sha ([0-9]+\.[0-9]{2}|not reached), asha ([0-9]+\.[0-9]{2}|not reached)", output);
    }

    [Fact]
    public void Bench_search_over_several_seeds_prints_each_seeds_ratio_and_their_median()
    {
        var (code, output, errors) = SweepsProcess.Run(TestStores.NewFolder(), "bench", "search", "--trials", "12", "--seeds", "1",
            "--asha-configurations", "9", "--asha-seeds", "3");
        Assert.True(code == 0, output + errors);
        Assert.Contains("9 configurations a seed", output);
        foreach (var seed in new[] { 1, 2, 3 })
            Assert.Matches($@"\s{seed}\s+[0-9.e-]+\s+[0-9]+(\s+([0-9]+|not reached)){{2}}(\s+([0-9]+\.[0-9]{{2}}|not reached)){{2}}", output);
        Assert.Matches(@"median over 3 seeds: sha ([0-9]+\.[0-9]{2}|not reached), asha ([0-9]+\.[0-9]{2}|not reached); epochs in all: sha 0\.26, asha 0\.[0-9]{2}", output); // sha: 21 of 81 each
        var refused = SweepsProcess.Run(TestStores.NewFolder(), "bench", "search", "--asha-seeds", "0");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--asha-seeds: 0 is out of range", refused.Output + refused.Errors);
    }
}
