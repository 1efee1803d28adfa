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
    }
}
