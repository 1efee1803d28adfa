using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;
using Sweeps.Search.Scheduling;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Successive halving against random search on <c>lstm.train</c>'s Reber task, the same configurations for both (random
/// learning rate on a log scale, hidden size, momentum and input noise; Nesterov SGD, one sequence an update). Random
/// search trains each to the full budget; synchronous successive halving (<see cref="AshaLadder"/>, η = 3) trains all
/// to the bottom rung, and continues the best third of each rung to the next from its checkpoint. Both count epochs in
/// the order they are spent, until a validation loss reaches random search's best.
/// </summary>
internal static class AshaLstmStudy
{
    public sealed record Result(int Configurations, IReadOnlyList<long> Rungs, double RandomBest, long RandomEpochs, long RandomEpochsToBest,
        double LadderBest, long LadderEpochs, long? LadderEpochsToRandomBest);

    public static Result Run(int configurations, int minEpochs, int maxEpochs, ulong seed, CancellationToken cancellation)
    {
        var task = ReberTask.Generate(new TaskSizes(Train: 400, Valid: 100, Test: 10, SequenceLength: 30), seed);
        var options = Configurations(configurations, maxEpochs, seed);

        // Random search: every configuration to the full budget, one after another.
        var randomCurves = options.Select((o, i) => Curve(task, o, seed + (ulong)i, null, cancellation)).ToList();
        var randomBest = randomCurves.SelectMany(c => c).Min();
        var randomToBest = EpochsUntil(randomCurves.Select(c => (IReadOnlyList<double>)c), randomBest);

        // Successive halving: each configuration's training continues from its checkpoint when promoted.
        var rungs = new Rungs(minEpochs, maxEpochs, reductionFactor: 3);
        var ladder = new AshaLadder(rungs, ObjectiveGoal.Minimize, bracketSize: configurations);
        var checkpoints = new MemoryCheckpointStore();
        var spent = new List<IReadOnlyList<double>>();
        var best = new double[configurations];
        for (var i = 0; i < configurations; i++)
        {
            var curve = Curve(task, options[i] with { MaxEpochs = (int)rungs.Levels[0] }, seed + (ulong)i, checkpoints.For("asha", i), cancellation);
            spent.Add(curve);
            best[i] = curve.Min();
            ladder.Record(i, 0, best[i]);
        }
        while (ladder.NextPromotion() is { } promotion)
        {
            var i = (int)promotion.Trial;
            ladder.Promoted(i, promotion.From);
            var curve = Curve(task, options[i] with { MaxEpochs = (int)rungs.Levels[promotion.To] }, seed + (ulong)i, checkpoints.For("asha", i), cancellation);
            spent.Add(curve);
            best[i] = Math.Min(best[i], curve.DefaultIfEmpty(double.PositiveInfinity).Min());
            ladder.Record(i, promotion.To, best[i]);
        }
        return new Result(configurations, rungs.Levels, randomBest, randomCurves.Sum(c => (long)c.Count), randomToBest,
            best.Min(), spent.Sum(c => (long)c.Count), best.Min() <= randomBest ? EpochsUntil(spent, randomBest) : null);
    }

    /// <summary>The validation loss after each epoch this training ran (a continued one: only the epochs it added).</summary>
    private static List<double> Curve(SequenceTask task, TrainingOptions options, ulong seed, ITrialCheckpoints? checkpoints, CancellationToken cancellation)
    {
        var curve = new List<double>();
        new Trainer<float>(task, options, seed).Train(cancellation, epoch => curve.Add(epoch.ValidLoss),
            checkpoints is null ? null : new TrainingCheckpoints(checkpoints, "asha-study"));
        return curve;
    }

    private static long EpochsUntil(IEnumerable<IReadOnlyList<double>> curves, double target)
    {
        long epochs = 0;
        foreach (var curve in curves)
            foreach (var loss in curve)
            {
                epochs++;
                if (loss <= target) return epochs;
            }
        return epochs;
    }

    private static List<TrainingOptions> Configurations(int count, int maxEpochs, ulong seed)
    {
        var random = new Random(unchecked((int)seed));
        return Enumerable.Range(0, count).Select(_ => new TrainingOptions
        {
            LearningRate = Math.Pow(10, -4 + 3 * random.NextDouble()),
            Hidden = 8 + random.Next(41),
            Momentum = 0.99 * random.NextDouble(),
            InputNoise = 0.5 * random.NextDouble(),
            Optimizer = OptimizerKind.Nesterov,
            Batch = 1,
            MaxEpochs = maxEpochs,
            Patience = int.MaxValue,
        }).ToList();
    }
}
