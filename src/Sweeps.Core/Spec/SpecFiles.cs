using Sweeps.Core.Jobs;

namespace Sweeps.Core.Spec;

/// <summary>
/// Checks the files a sweep's file parameters (<see cref="JobParameter.IsFile"/>) name, on the machine that submits it,
/// so a malformed data file is refused before any trial runs, with its file:line. Parsing a spec does not do this: the
/// coordinator and the store re-read specs where the files may not be.
/// </summary>
public static class SpecFiles
{
    /// <param name="missingIsError">
    /// True where the trials run on this machine (<c>run</c>): an absent file is an error. False for <c>submit</c>: the
    /// file need only exist on the workers, which check it again before training.
    /// </param>
    public static IReadOnlyList<SpecError> Check(IEnumerable<SweepSpec> specs, JobRegistry jobs, bool missingIsError)
    {
        var errors = new List<SpecError>();
        var checkedPaths = new Dictionary<string, string?>(StringComparer.Ordinal); // path -> problem, each file read once
        foreach (var spec in specs)
        {
            if (!jobs.TryGet(spec.Job, out var job)) continue;
            foreach (var parameter in spec.Parameters)
            {
                if (job.FindParameter(parameter.Name) is not { IsFile: true } declared) continue;
                foreach (var path in PathsOf(parameter))
                {
                    if (!checkedPaths.TryGetValue(path, out var problem))
                    {
                        problem = Problem(path, declared, missingIsError);
                        checkedPaths[path] = problem;
                    }
                    if (problem is not null)
                        errors.Add(new SpecError(spec.Source.File, parameter.Line, $"parameters.{parameter.Name}", problem,
                            "fix the file, or name another; a relative path is read from the spec file's folder"));
                }
            }
        }
        return errors;
    }

    /// <summary>Throws a <see cref="SpecException"/> listing every problem found.</summary>
    public static void ThrowIfBad(IEnumerable<SweepSpec> specs, JobRegistry jobs, bool missingIsError)
    {
        var errors = Check(specs, jobs, missingIsError);
        if (errors.Count > 0) throw new SpecException(errors);
    }

    private static IEnumerable<string> PathsOf(ParameterSpec parameter)
    {
        IEnumerable<string> paths = parameter switch
        {
            ConstantParameter c => [c.Value.ToString()],
            ChoiceParameter c => c.Values.Select(v => v.ToString()),
            _ => [],
        };
        return paths.Where(p => p.Trim().Length > 0).Distinct(StringComparer.Ordinal);
    }

    private static string? Problem(string path, JobParameter declared, bool missingIsError)
    {
        if (Directory.Exists(path)) return $"'{path}' is a folder, not a file";
        if (!File.Exists(path)) return missingIsError ? $"'{path}' does not exist" : null;
        if (declared.CheckFile is not { } check) return null;
        try
        {
            check(path);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }
}
