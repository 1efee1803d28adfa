using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Command.Tests.Support;

/// <summary>Runs the command job as a worker would, with a progress channel that keeps every report.</summary>
public sealed class Trials(Scripts scripts)
{
    public List<(double Fraction, long Step, IReadOnlyDictionary<string, double>? Metrics)> Reports { get; } = [];

    public JobResult Run(IReadOnlyList<string> command, TrialParameters? parameters = null, CancellationToken cancellation = default,
        CommandPermission? permission = null, TimeSpan? killGrace = null, int attempt = 1, long trial = 0, string? workingDir = null,
        TimeSpan? timeout = null, CancellationToken timedOut = default, ITrialCheckpoints? checkpoints = null, string? workDirectory = null,
        long? stopAtStep = null)
    {
        var settings = new List<JobSettingValue> { new("command", command, true) };
        if (workingDir is not null) settings.Add(JobSettingValue.Text("working_dir", workingDir));
        var job = CommandJob.Definition(permission ?? CommandPermission.AnyProgram, killGrace ?? TimeSpan.FromSeconds(10)).Create();
        return job.Run(new JobContext(parameters ?? TrialParameters.Empty, 42, cancellation, new Recorder(Reports))
        {
            Sweep = "my-model",
            TrialIndex = trial,
            Attempt = attempt,
            WorkDirectory = workDirectory ?? scripts.WorkDirectory,
            Checkpoints = checkpoints ?? TrialCheckpoints.None,
            Settings = settings,
            Timeout = timeout,
            TimedOut = timedOut,
            StopAtStep = stopAtStep,
        });
    }

    private sealed class Recorder(List<(double, long, IReadOnlyDictionary<string, double>?)> reports) : IJobProgress
    {
        public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null)
        {
            lock (reports) reports.Add((fraction, step, metrics));
        }
    }
}
