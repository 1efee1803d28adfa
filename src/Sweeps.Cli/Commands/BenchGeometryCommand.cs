using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Geometry;

namespace Sweeps.Cli.Commands;

public sealed class BenchGeometrySettings : CommonSettings
{
    [CommandOption("--dimensions <LIST>")]
    [Description("Dimensions to measure, comma-separated.")]
    [DefaultValue("2,100,1000")]
    public string Dimensions { get; init; } = "2,100,1000";

    [CommandOption("--job <KIND>")]
    [Description("Measure one job kind only (e.g. geometry.angles); all six by default.")]
    public string? Job { get; init; }

    [CommandOption("--seconds <S>")]
    [Description("Time budget for each job and dimension.")]
    [DefaultValue(1.0)]
    public double Seconds { get; init; } = 1.0;

    public override ValidationResult Validate()
    {
        if (Seconds is <= 0 or > 600) return ValidationResult.Error($"--seconds: {Seconds} is out of range; give more than 0 and at most 600");
        if (Job is not null && !GeometryThroughput.Kinds.Contains(Job))
            return ValidationResult.Error($"--job: unknown geometry job '{Job}'; known: {string.Join(", ", GeometryThroughput.Kinds)}");
        foreach (var part in Dimensions.Split(','))
            if (!int.TryParse(part.Trim(), out var d) || d < 1)
                return ValidationResult.Error($"--dimensions: '{part.Trim()}' is not a dimension; give whole numbers of 1 or more, e.g. 2,100,1000");
        return base.Validate();
    }
}

/// <summary><c>sweeps bench geometry</c>: each geometry job's throughput on one core, beside the plain-C reference where there is one.</summary>
public sealed class BenchGeometryCommand : SweepsCommand<BenchGeometrySettings>
{
    protected override Task<int> RunAsync(BenchGeometrySettings settings, CancellationToken interruption)
    {
        var dimensions = settings.Dimensions.Split(',').Select(d => int.Parse(d.Trim())).ToList();
        var figures = GeometryThroughput.Measure(dimensions, TimeSpan.FromSeconds(settings.Seconds),
            settings.Job is null ? null : [settings.Job], interruption);
        var table = new Table().Border(TableBorder.Simple).Title("geometry jobs, one core");
        foreach (var column in new[] { "job", "D", "unit", "per second", "per CPU-second", "plain C -O3", "ratio" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var f in figures)
        {
            table.AddRow(f.JobKind, f.Dimension.ToString(), f.Unit, $"{f.PerSecond:N0}", f.PerCpuSecond is { } cpu ? $"{cpu:N0}" : "",
                f.ReferencePerSecond is { } reference ? $"{reference:N0}" : "", f.ReferencePerSecond is { } r ? $"{f.PerSecond / r:0.00}x" : "");
        }
        Out.Write(table);
        return Task.FromResult(0);
    }
}
