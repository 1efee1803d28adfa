using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweeps.Cli.Commands;

/// <summary>The options of commands that judge one sweep's trials by a metric: which metric, and which way is better.</summary>
public abstract class MetricSettings : StoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep.")]
    public string Name { get; init; } = "";

    [CommandOption("--metric <METRIC>")]
    [Description("The metric (default: the sweep's objective).")]
    public string? Metric { get; init; }

    [CommandOption("--goal <min|max>")]
    [Description("Whether lower ([green]min[/]) or higher ([green]max[/]) is better (default: the objective's goal when the metric is the objective).")]
    public string? Goal { get; init; }
}
