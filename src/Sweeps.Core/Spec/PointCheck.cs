using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Runs a job's <see cref="JobDefinition.CheckPoint"/> over the points a sweep will run, so limits that tie parameters
/// to each other (k at most train, sequence_length 2 or more for adding) are refused before anything runs.
/// </summary>
internal sealed class PointCheck(SpecProblems problems)
{
    /// <summary>Points checked at most: every point of most sweeps, the first of larger ones, in well under a second.</summary>
    public const int MaxPoints = 10_000;

    public void Check(SweepSpec spec, JobDefinition job, YamlMappingNode sweep)
    {
        if (job.CheckPoint is not { } check) return;
        var sampler = SamplerFactory.Create(spec);
        var count = Math.Min(sampler.PointCount, MaxPoints);
        var reported = new HashSet<string>(StringComparer.Ordinal); // one problem per parameter, at its first bad point
        for (long i = 0; i < count; i++)
        {
            var point = sampler.PointAt(i);
            try
            {
                check(point);
            }
            catch (JobParameterException e) when (reported.Add(e.Parameter))
            {
                var line = spec.Parameters.FirstOrDefault(p => p.Name == e.Parameter)?.Line
                    ?? SpecProblems.LineOf(SweepReader.KeyOf(sweep, "parameters") ?? sweep);
                var checkedPoints = sampler.PointCount > count ? $" (the first {SpecLimits.Count(count)} points were checked)" : "";
                problems.Add(line, $"parameters.{e.Parameter}", $"{e.Message}, at point {i}: {Describe(point)}",
                    $"every point of the sweep must be one {job.Kind} can run; narrow the lists or ranges that give this point{checkedPoints}");
            }
            catch (JobParameterException)
            {
                // Already reported for this parameter: one line says it.
            }
        }
    }

    private static string Describe(TrialParameters point) =>
        point.Count == 0 ? "(the job's defaults)" : string.Join(", ", point.Select(p => $"{p.Key}: {p.Value}"));
}
