using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Refuses, before anything runs, a spec that reuses the name of a stored sweep with a different spec:
/// resuming under a changed spec would mix two experiments in one sweep.
/// </summary>
public static class StoredSpecCheck
{
    public static void ThrowIfChanged(IEnumerable<SweepSpec> specs, ResultStore store, JobRegistry jobs)
    {
        var errors = new List<SpecError>();
        foreach (var spec in specs)
        {
            if (store.FindSweep(spec.Name) is not { } stored || stored.Fingerprint == SpecText.Fingerprint(spec)) continue;
            var before = SpecLoader.ParseTrusted(stored.Spec, $"sweep '{stored.Name}' in {store.Location}");
            if (SweepExtension.Extends(spec, before)) continue; // more trials: the first keep their points and results
            var changes = SpecDiff.Between(before, spec);
            errors.Add(new SpecError(spec.Source.File, spec.Source.Line, "name",
                $"a sweep named '{spec.Name}' is already in {store.Location} with a different spec: {string.Join("; ", changes)}",
                "give this sweep a new name to run it as a new experiment, restore the stored spec to resume, or use another --db"));
        }
        if (errors.Count > 0) throw new SpecException(errors);
    }
}
