using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Lstm.Tests.Support;

/// <summary>Runs lstm.train the way a worker would, from name = value pairs.</summary>
public static class Trial
{
    /// <summary>Small, quick defaults; the given pairs override them.</summary>
    public static TrialParameters Parameters(params (string Name, object Value)[] values)
    {
        var all = new Dictionary<string, object>
        {
            ["task"] = "adding", ["hidden"] = 8L, ["sequence_length"] = 10L, ["train_sequences"] = 60L,
            ["valid_sequences"] = 20L, ["test_sequences"] = 20L, ["max_epochs"] = 3L,
        };
        foreach (var (name, value) in values) all[name] = value;
        return new TrialParameters(all.Select(p => KeyValuePair.Create(p.Key, p.Value switch
        {
            long l => ParameterValue.Of(l),
            int i => ParameterValue.Of((long)i),
            double d => ParameterValue.Of(d),
            bool b => ParameterValue.Of(b),
            _ => ParameterValue.Of(p.Value.ToString()!),
        })));
    }

    public static JobResult Run(TrialParameters parameters, ulong seed = 42, IJobProgress? progress = null, CancellationToken cancellation = default,
        ITrialCheckpoints? checkpoints = null) =>
        LstmJobs.Definitions.Single(d => d.Kind == "lstm.train").Create().Run(new JobContext(parameters, seed, cancellation, progress)
        {
            Checkpoints = checkpoints ?? TrialCheckpoints.None,
        });
}
