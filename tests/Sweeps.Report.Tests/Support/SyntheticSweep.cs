using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.Report.Tests.Support;

/// <summary>
/// A sweep written straight into a real store, as a coordinator's projection would: a log-scaled learning rate, a
/// linear width and a categorical variant, a loss that depends on them, a learning curve per trial, some trials failed,
/// some pruned. The names are whatever a test gives, hostile ones included.
/// </summary>
internal static class SyntheticSweep
{
    public static readonly string[] Variants = ["vanilla", "<i>nig</i>", "no-forget"];

    /// <summary>The canonical spec text the store keeps; parameter and variant names are quoted YAML.</summary>
    public static string Spec(string name, string lr = "lr", long trials = 100) =>
        $"name: '{name.Replace("'", "''")}'\njob: test.synthetic\nsampler: random\ntrials: {trials}\nseed: 1\nreplicates: 1\nparameters:\n" +
        $"  '{lr.Replace("'", "''")}': {{min: 0.0001, max: 1, scale: log, type: real}}\n  width: {{min: 1, max: 10, scale: linear, type: real}}\n" +
        $"  variant: [{string.Join(", ", Variants.Select(v => $"'{v}'"))}]\nobjective: {{metric: loss, goal: minimize}}\n";

    /// <param name="failEvery">Every so many trials fails (no metrics); 0 for none.</param>
    /// <param name="diverging">This trial's curve blows up to a million (as a diverging training run's does); -1 for none.</param>
    public static void Write(ResultStore store, string name, int trials, string lr = "lr", int curveLength = 20, int failEvery = 10, int diverging = -1)
    {
        var batch = new StoreBatch { SequenceNr = 1 };
        batch.Sweeps.Add(new SweepRow(name, "test.synthetic", "random", trials, "loss", "minimize", "fingerprint", Spec(name, lr, trials), SweepState.Finished,
            new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc)));
        var random = new Random(7);
        var start = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < trials; i++)
        {
            var logLr = -4 + 4 * random.NextDouble();
            var width = 1 + 9 * random.NextDouble();
            var variant = Variants[random.Next(Variants.Length)];
            var loss = (logLr + 2) * (logLr + 2) + 0.05 * width + (variant == "no-forget" ? 1 : 0) + 0.1 * random.NextDouble();
            var failed = failEvery > 0 && i % failEvery == failEvery - 1;
            var pruned = !failed && i % 7 == 3;
            var curve = Enumerable.Range(0, pruned ? curveLength / 3 : curveLength).Select(s => i == diverging ? Math.Pow(10, s) : loss + 3.0 / (s + 1)).ToArray();
            batch.Put(new TrialRow(name, i, i, 0, (ulong)i,
                new TrialParameters([new(lr, ParameterValue.Of(Math.Pow(10, logLr))), new("width", ParameterValue.Of(width)), new("variant", ParameterValue.Of(variant))]),
                failed ? TrialStatus.Failed : TrialStatus.Completed, 1, "worker-a", start.AddSeconds(i), start.AddSeconds(i + 1), 1000,
                failed ? new Dictionary<string, double>() : new Dictionary<string, double> { ["loss"] = loss, ["steps"] = curve.Length },
                failed ? null : new Dictionary<string, double[]> { ["loss"] = curve },
                failed ? "diverged" : null)
            {
                Details = pruned ? new Dictionary<string, string> { ["pruned"] = "true" } : null,
            });
        }
        store.Apply(batch, "trials");
    }
}
