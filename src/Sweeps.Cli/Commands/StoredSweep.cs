using Sweeps.Cluster.Hosting;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Commands;

/// <summary>A sweep as the commands that read the store see it: its row, its spec, and the fields its trials have.</summary>
internal sealed record StoredSweep(SweepRow Row, SweepSpec Spec, IReadOnlyList<string> Parameters, IReadOnlyList<string> Metrics)
{
    /// <summary>Every name a --where, --sort or --by may use: the trial columns, the parameters, the metrics.</summary>
    public IReadOnlyList<string> Fields => TrialFields.Columns.Concat(Parameters).Concat(Metrics).Distinct().ToList();

    /// <summary>The same names resolved to where they live; a parameter and a metric of one name as param.NAME and metric.NAME.</summary>
    public TrialFieldSet FieldSet => TrialFieldSet.For(Parameters, Metrics);

    /// <summary>The sweep's row, or an error that lists the sweeps the store has.</summary>
    public static SweepRow Find(ResultStore store, string name) =>
        store.FindSweep(name)
        ?? throw new UsageException($"no sweep named '{name}' in {store.Location.Display}; it has: {string.Join(", ", store.Sweeps().Select(s => s.Name).DefaultIfEmpty("(none)"))}");

    /// <summary>The sweep with its spec re-read, and its metrics: the job's declared ones plus any its first trials reported.</summary>
    public static StoredSweep Load(ResultStore store, string name)
    {
        var row = Find(store, name);
        var jobs = BuiltInJobs.Create();
        // The stored canonical text was checked when it was submitted; a plugin's kind need not be loaded to read it.
        var spec = SpecLoader.ParseTrusted(row.Spec, $"sweep '{row.Name}'");
        var metrics = jobs.TryGet(spec.Job, out var job) ? job.Metrics.ToList() : [];
        foreach (var metric in store.ReadTrials(row.Name, new TrialQuery(TrialFilter.All, Limit: 1000, WithSeries: false)).SelectMany(t => t.Metrics.Keys))
            if (!metrics.Contains(metric)) metrics.Add(metric);
        return new StoredSweep(row, spec, spec.Parameters.Select(p => p.Name).ToList(), metrics);
    }
}
