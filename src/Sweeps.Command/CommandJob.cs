using System.Diagnostics;
using System.Globalization;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Command;

/// <summary>
/// Runs the sweep's <c>command:</c> once a trial: parameters in as placeholders, <c>SWEEPS_*</c> variables and a JSON
/// file; metrics out as JSON lines on stdout (<see cref="MetricLines"/>). Exit 0 succeeds; any other exit fails the
/// trial with the exit code and the end of stderr. The program runs in a process group of its own, stopped as a
/// whole (SIGTERM, then SIGKILL after the grace period) when the trial is cancelled or runs out of time.
/// </summary>
public sealed class CommandJob(CommandPermission permission, TimeSpan killGrace) : IJob
{
    public const string Kind = "command";

    private static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(10);

    public static JobDefinition Definition(CommandPermission permission, TimeSpan killGrace) =>
        new(Kind,
            "Runs your own program once a trial: parameters as {name} placeholders in command, SWEEPS_PARAM_<NAME> variables " +
            "and a JSON file (SWEEPS_PARAMS_FILE); each stdout line that is a JSON object of numbers reports metrics.",
            [], [], () => new CommandJob(permission, killGrace))
        {
            TakesAnyParameters = true,
            // its metric lines' "step"; a scheduler's rung reaches it as SWEEPS_STOP_AT_STEP
            Steps = "step",
            Settings = [CommandSettings.Command, CommandSettings.WorkingDirectory],
            CheckPoint = null,
        };

    public JobResult Run(JobContext context)
    {
        var command = context.Setting(CommandSettings.Command.Name)?.Items
            ?? throw new JobFailedException("the sweep gives no command", new Dictionary<string, string>());
        var line = command.Select(item => CommandTemplate.Fill(item, context.Parameters)).ToList();
        var folders = TrialFolders.Create(context.WorkDirectory, context.Sweep, context.TrialIndex, context.Attempt);
        var workingDirectory = context.Setting(CommandSettings.WorkingDirectory.Name)?.Single() ?? folders.Attempt;
        if (!Directory.Exists(workingDirectory))
            throw new TrialRefusedException($"working_dir {workingDirectory} does not exist on this worker");
        var program = ProgramLookup.Find(line[0], workingDirectory);
        if (!permission.Allows(line[0], program))
            throw new TrialRefusedException(permission.AllowsSome
                ? $"program '{line[0]}' is not among the programs this worker runs (--allow-commands {permission.Describe()})"
                : "this worker does not run command jobs: start it with --allow-commands (or --allow-commands PROGRAM,...)");

        TrialFolders.WriteNew(folders.ParametersFile, ParameterEnvironment.Json(context.Parameters));
        var details = new Dictionary<string, string>
        {
            ["command"] = ShellWords.Join(line),
            ["working_dir"] = workingDirectory,
        };
        var checkpoint = new CheckpointFolder(context.Checkpoints, folders.Checkpoint);
        if (checkpoint.Restore() is { } restored) details["resumed_from_checkpoint"] = restored.ToString(CultureInfo.InvariantCulture);
        var metrics = new MetricLines(context.Progress);
        var clock = Stopwatch.StartNew();
        using var stdout = new OutputLines(new OutputFile(folders.Stdout), (bytes, cut) =>
        {
            // a state marked done is kept at the next intermediate report, and at the end
            if (!cut && metrics.Read(bytes)) checkpoint.SaveIfMarked();
        });
        using var stderr = new OutputFile(folders.Stderr);
        using var group = ProcessGroup.Start(program, line[1..], workingDirectory, Environment(context, folders));
        var ending = group.Wait(stdout.Write, stderr.Write, context.Cancellation, killGrace, OutputDrain);
        stdout.Finish();
        checkpoint.SaveIfMarked(); // also when the program failed or was stopped: what it marked done is a state to resume from
        if (checkpoint.Saved > 0) details["checkpoints_kept"] = checkpoint.Saved.ToString(CultureInfo.InvariantCulture);
        if (checkpoint.Problem is { } problem) details["checkpoint_error"] = problem;
        // Files only for what the program printed: one that printed nothing leaves none (see OutputFile).
        if (stdout.File.Written) details["stdout"] = folders.Stdout;
        if (stderr.Written) details["stderr"] = folders.Stderr;
        // A process that left the group (setsid of its own) may hold the output open: it is not waited for forever.
        if (group.OutputLeftOpen) details["output"] = $"still held open {SpecDuration.Format(OutputDrain)} after the program ended (by a process that left its group); not read to the end";
        details["exit_code"] = group.ExitCode.ToString(CultureInfo.InvariantCulture);

        if (ending != ProcessGroup.Ending.Exited)
        {
            var how = ending == ProcessGroup.Ending.Killed ? $"SIGTERM, then SIGKILL after {SpecDuration.Format(killGrace)}" : "SIGTERM";
            if (context.TimedOut.IsCancellationRequested && context.Timeout is { } timeout)
                throw new JobFailedException($"timed out after {SpecDuration.Format(timeout)} (stopped with {how}){Tail(stderr)}", details);
            throw new OperationCanceledException($"stopped with {how}", context.Cancellation);
        }
        if (group.ExitCode != 0)
            throw new JobFailedException($"exit code {Describe(group.ExitCode)}{Tail(stderr)}", details);
        details["duration_ms"] = clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);
        return new JobResult(new Dictionary<string, double>(metrics.Last), metrics.SeriesByName, details);
    }

    private static Dictionary<string, string> Environment(JobContext context, TrialFolders folders)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SWEEPS_SWEEP"] = context.Sweep,
            ["SWEEPS_TRIAL"] = context.TrialIndex.ToString(CultureInfo.InvariantCulture),
            ["SWEEPS_ATTEMPT"] = context.Attempt.ToString(CultureInfo.InvariantCulture),
            ["SWEEPS_SEED"] = context.Seed.ToString(CultureInfo.InvariantCulture),
            ["SWEEPS_CHECKPOINT_DIR"] = folders.Checkpoint,
            ["SWEEPS_PARAMS_FILE"] = folders.ParametersFile,
        };
        if (context.StopAtStep is { } stop) variables["SWEEPS_STOP_AT_STEP"] = stop.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in context.Parameters) variables[ParameterEnvironment.VariableName(name)] = value.ToString();
        return variables;
    }

    /// <summary>A shell reports death by signal N as 128 + N; .NET does the same for the program itself.</summary>
    private static string Describe(int code) =>
        code > 128 && code < 128 + 65 ? $"{code} (killed by signal {code - 128})" : code.ToString(CultureInfo.InvariantCulture);

    private static string Tail(OutputFile stderr)
    {
        if (!stderr.Written) return "";
        var (text, whole) = ErrorTail.Read(stderr.Path);
        var tail = text.TrimEnd();
        return tail.Length == 0 ? "" : $"; stderr{(whole ? "" : " (last 4 KiB)")}:\n{tail}";
    }
}
