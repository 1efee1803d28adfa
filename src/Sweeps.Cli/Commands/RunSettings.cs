using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sweeps.Cli.Commands;

public sealed class RunSettings : StoreSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("A YAML file with one sweep, or several under [green]sweeps:[/] (see config/sweeps/).")]
    public string Spec { get; init; } = "";

    [CommandOption("--jobs <DLL>")]
    [Description(Plugins.JobPlugins.OptionDescription)]
    public string[] JobsFlags { get; init; } = [];

    [CommandOption("--workers <N>")]
    [Description("Trials run at once in this process (default: the number of cores).")]
    public int? Workers { get; init; }

    [CommandOption("--allow-commands [PROGRAMS]")]
    [Description("Programs [green]job: command[/] sweeps may run here (comma-separated), or any when given alone. Default: exactly the programs the spec file names (you asked to run them).")]
    public FlagValue<string>? AllowCommands { get; init; }

    [CommandOption("--kill-grace <SECONDS>")]
    [Description("Seconds a stopped program gets between SIGTERM and SIGKILL (default 10).")]
    public double? KillGrace { get; init; }

    [CommandOption("--work-dir <FOLDER>")]
    [Description("Where command jobs keep their output, checkpoints and default working folders (default: $TMPDIR/sweeps-work-USER).")]
    public string? WorkDir { get; init; }

    [CommandOption("--checkpoint-dir <FOLDER>")]
    [Description("Keep trial checkpoints in this folder instead of the store (default: the store's trial_checkpoints table), so that a run stopped mid-trial resumes from the trial's last checkpoint.")]
    public string? CheckpointDir { get; init; }

    public override ValidationResult Validate()
    {
        if (Workers is < 1 or > 1024)
            return ValidationResult.Error($"--workers: {Workers} is not a number of slots; give 1 to 1024 (default: {Environment.ProcessorCount}, the cores here)");
        return base.Validate();
    }
}
