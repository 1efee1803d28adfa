using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Jobs;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Hosting;

/// <summary>
/// Run metadata through the real wiring: the origin given to the submit, the worker's host and the job's details (of a
/// success and of a <see cref="JobFailedException"/>) reach the store through the journal and the projection.
/// </summary>
public sealed class RunMetadataRunTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    /// <summary>Says how it ran; odd trials fail with the facts of their failure.</summary>
    private sealed class TellingJob : IJob
    {
        public JobResult Run(JobContext context)
        {
            var n = context.Parameters.GetInteger("n");
            if (context.Seed % 2 == 1)
                throw new JobFailedException("exit 3", new Dictionary<string, string> { ["command"] = $"train --n {n}", ["stderr"] = "/logs/err" });
            return new JobResult(new Dictionary<string, double> { ["value"] = n }, null,
                new Dictionary<string, string> { ["command"] = $"train --n {n}", [new string('k', 100)] = new string('v', 10_000) });
        }
    }

    private static readonly JobRegistry Jobs = new JobRegistry().Register(new JobDefinition("telling", "says how it ran",
        [JobParameter.Integer("n", "a number", 1)], ["value"], () => new TellingJob()));

    [Theory, MemberData(nameof(Kinds))]
    public async Task The_origin_host_and_details_reach_the_store(string kind)
    {
        var store = TestStores.Create(kind);
        var spec = SpecLoader.Parse("name: telling\njob: telling\nsampler: random\ntrials: 20\nparameters:\n  n: {min: 1, max: 9, type: int}\n", "t.yaml", Jobs).Single();
        var origin = new SweepOrigin("9.9.9", "laptop", "ada", "abc123", false);

        var result = await EmbeddedRun.RunAsync(new SweepsNodeOptions(store) { Worker = new WorkerOptions { Slots = 2 } }, Jobs, [spec], _ => { },
            TimeSpan.FromMilliseconds(50), CancellationToken.None, origin);

        Assert.True(result.Clean);
        var results = ResultStore.Open(store);
        Assert.Equal(origin, results.FindSweep("telling")!.Origin);
        var trials = results.ReadTrials("telling").ToList();
        Assert.Equal(20, trials.Count);
        Assert.All(trials, t => Assert.Equal(Environment.MachineName, t.Host));
        Assert.All(trials, t => Assert.Equal($"train --n {t.Parameters.GetInteger("n")}", t.Details!["command"]));
        Assert.Contains(trials, t => t.Status == TrialStatus.Failed);
        Assert.All(trials.Where(t => t.Status == TrialStatus.Failed), t => Assert.Equal(("/logs/err", "exit 3"), (t.Details!["stderr"], t.Error!)));
        var completed = trials.Where(t => t.Status == TrialStatus.Completed).ToList();
        Assert.NotEmpty(completed);
        // Details are bounded on the worker: names and values are cut, not refused.
        Assert.All(completed, t => Assert.Equal(JobDetails.MaxValueLength, t.Details![new string('k', JobDetails.MaxNameLength)].Length));
    }
}
