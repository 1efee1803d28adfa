using System.Globalization;
using System.Text.Json.Nodes;
using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Core.Sampling;

namespace Sweeps.Core.Spec;

/// <summary>
/// The spec format as a JSON Schema (draft 2020-12), built from the job registry: every job kind with its parameters'
/// types, bounds, choices and descriptions, and its metrics for the objective. Editors use it to complete and check
/// specs (YAML language servers read JSON Schema); <see cref="SpecLoader"/> stays the judge, with lines and hints.
/// </summary>
public static class SpecSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    public static JsonObject Build(JobRegistry jobs)
    {
        var definitions = new JsonObject { ["sweep"] = Sweep(jobs) };
        var settings = jobs.Definitions.SelectMany(j => j.Settings).Select(s => s.Name).Distinct().ToList();
        foreach (var job in jobs.Definitions) definitions[DefinitionName(job)] = Job(job, settings);
        return new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "Sweeps spec",
            ["description"] = "One sweep (a mapping with name:), or a list of sweeps under sweeps:.",
            ["anyOf"] = new JsonArray(
                Ref("sweep"),
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["sweeps"] = new JsonObject { ["type"] = "array", ["items"] = Ref("sweep"), ["minItems"] = 1 },
                    },
                    ["required"] = new JsonArray("sweeps"),
                    ["additionalProperties"] = false,
                }),
            ["$defs"] = definitions,
        };
    }

    private static JsonObject Sweep(JobRegistry jobs)
    {
        var byJob = new JsonArray();
        foreach (var job in jobs.Definitions)
        {
            byJob.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["job"] = new JsonObject { ["const"] = job.Kind } }, ["required"] = new JsonArray("job") },
                ["then"] = Ref(DefinitionName(job)),
            });
        }
        // trials belongs to random, sobol and tpe; a grid's size is the product of its axes.
        byJob.Add(new JsonObject
        {
            ["if"] = new JsonObject { ["properties"] = new JsonObject { ["sampler"] = new JsonObject { ["enum"] = new JsonArray("random", "sobol", "tpe") } }, ["required"] = new JsonArray("sampler") },
            ["then"] = new JsonObject { ["required"] = new JsonArray("trials") },
            ["else"] = new JsonObject { ["not"] = new JsonObject { ["required"] = new JsonArray("trials") } },
        });
        var properties = new JsonObject
            {
                ["name"] = new JsonObject
                {
                    ["description"] = $"Unique within a store; {SweepName.Rule}.",
                    ["type"] = "string", ["pattern"] = SweepName.Pattern, ["maxLength"] = SweepName.MaxLength,
                },
                ["job"] = new JsonObject { ["description"] = "A registered job kind.", ["enum"] = Strings(jobs.Kinds) },
                ["sampler"] = new JsonObject
                {
                    ["description"] = "grid runs every combination; random and sobol draw trials points; tpe suggests each point from the results so far (needs an objective).",
                    ["enum"] = Strings(SweepReader.Samplers), ["default"] = "grid",
                },
                ["trials"] = new JsonObject { ["description"] = "Points to draw, for random, sobol and tpe.", ["type"] = "integer", ["minimum"] = 1 },
                ["batch"] = new JsonObject { ["description"] = "For tpe: suggest this many trials at a time from the results of the batches before, reproducibly whatever the number of workers.", ["type"] = "integer", ["minimum"] = 1, ["maximum"] = SearchReader.MaxBatch },
                ["tpe"] = new JsonObject
                {
                    ["description"] = "For tpe: how it models the results.",
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["multivariate"] = new JsonObject
                        {
                            ["description"] = "One estimator over all parameters together (Optuna's multivariate TPE), so that values good together are suggested together; false: one per parameter.",
                            ["type"] = "boolean", ["default"] = false,
                        },
                    },
                    ["additionalProperties"] = false,
                },
                ["scheduler"] = new JsonObject
                {
                    ["description"] = "Stops trials early on an intermediate metric: median (stop a trial worse than the finished trials' median at its step), " +
                                      "asha, sha (synchronous, reproducible) or hyperband (successive halving: trials pause at rungs min_resource·η^k and only the best 1/η continue from their checkpoints).",
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["kind"] = new JsonObject { ["enum"] = Strings(SchedulerReader.Kinds) },
                        ["metric"] = new JsonObject { ["description"] = "Default: the objective's metric.", ["type"] = "string" },
                        ["goal"] = new JsonObject { ["enum"] = new JsonArray("maximize", "minimize") },
                        ["resource"] = new JsonObject { ["description"] = "What a step counts, as the job names it (epoch).", ["type"] = "string" },
                        ["min_resource"] = new JsonObject { ["description"] = "The first rung; for median, the first step judged.", ["type"] = "integer", ["minimum"] = 1, ["default"] = 1 },
                        ["max_resource"] = new JsonObject { ["description"] = "The last rung (successive halving).", ["type"] = "integer", ["minimum"] = 1 },
                        ["reduction_factor"] = new JsonObject { ["description"] = "η: each rung keeps the best 1/η.", ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100, ["default"] = SchedulerSpec.DefaultReductionFactor },
                        ["startup_trials"] = new JsonObject { ["description"] = "Median: finished trials needed before any is stopped.", ["type"] = "integer", ["minimum"] = 0, ["default"] = SchedulerSpec.DefaultStartupTrials },
                    },
                    ["required"] = new JsonArray("kind"),
                    ["additionalProperties"] = false,
                },
                ["seed"] = new JsonObject { ["description"] = "Every trial's seed derives from this and the trial's index.", ["type"] = "integer", ["minimum"] = 0, ["maximum"] = ulong.MaxValue, ["default"] = 0 },
                ["replicates"] = new JsonObject { ["description"] = "Repeats of each point, each with its own seed.", ["type"] = "integer", ["minimum"] = 1, ["maximum"] = int.MaxValue, ["default"] = 1 },
                ["parameters"] = new JsonObject { ["description"] = "name: a value (a constant), a list (an axis or a choice) or a range {min, max}.", ["type"] = "object" },
                ["timeout"] = new JsonObject
                {
                    ["description"] = "A trial running longer than this is stopped and fails: a whole number and a unit (ms, s, m, h, d), at most 30d.",
                    ["type"] = "string", ["pattern"] = "^[0-9]{1,12}(ms|s|m|h|d)$",
                },
                ["objective"] = new JsonObject
                {
                    ["description"] = "What \"best\" means: a metric the job reports, maximized or minimized.",
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["metric"] = new JsonObject { ["type"] = "string" },
                        ["goal"] = new JsonObject { ["enum"] = new JsonArray("maximize", "minimize") },
                    },
                    ["required"] = new JsonArray("metric", "goal"),
                    ["additionalProperties"] = false,
                },
                ["requires"] = new JsonObject
                {
                    ["description"] = "Worker labels this sweep's trials need (requires: {gpu: a100}): only workers started with those --label values run them.",
                    ["type"] = "object",
                    ["maxProperties"] = WorkerLabels.MaxCount,
                    ["propertyNames"] = new JsonObject { ["pattern"] = "^[A-Za-z_][A-Za-z0-9._-]*$", ["maxLength"] = WorkerLabels.MaxNameLength },
                    ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") },
                },
            };
        // A job's own keys (command:) are described where the job is; here they are only allowed.
        foreach (var job in jobs.Definitions)
            foreach (var setting in job.Settings)
                properties[setting.Name] ??= new JsonObject { ["description"] = $"For job {job.Kind}: {setting.Description}" };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray("name", "job"),
            ["additionalProperties"] = false,
            ["allOf"] = byJob,
        };
    }

    /// <summary>What a sweep of one job kind adds: the parameters it takes and the metrics it reports.</summary>
    private static JsonObject Job(JobDefinition job, IReadOnlyList<string> allSettings)
    {
        var parameters = new JsonObject();
        foreach (var parameter in job.Parameters) parameters[parameter.Name] = Parameter(parameter);
        var required = Strings(job.Parameters.Where(p => p.Required).Select(p => p.Name));
        var parametersSchema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = parameters,
            ["additionalProperties"] = false,
        };
        if (required.Count > 0) parametersSchema["required"] = required;
        if (job.TakesAnyParameters) parametersSchema.Remove("additionalProperties");
        var metric = job.Metrics.Count > 0
            ? new JsonObject { ["enum"] = Strings(job.Metrics) }
            : new JsonObject { ["type"] = "string", ["pattern"] = MetricName.Pattern, ["maxLength"] = MetricName.MaxLength };
        var properties = new JsonObject
        {
            ["parameters"] = parametersSchema,
            ["objective"] = new JsonObject { ["properties"] = new JsonObject { ["metric"] = metric } },
        };
        foreach (var setting in job.Settings) properties[setting.Name] = Setting(setting);
        var schema = new JsonObject { ["description"] = job.Description, ["properties"] = properties };
        var requiredKeys = Strings((required.Count > 0 ? ["parameters"] : Array.Empty<string>()).Concat(job.Settings.Where(s => s.Required).Select(s => s.Name)));
        if (requiredKeys.Count > 0) schema["required"] = requiredKeys;
        var others = allSettings.Where(name => job.FindSetting(name) is null).ToList();
        if (others.Count > 0)
            schema["not"] = new JsonObject { ["anyOf"] = new JsonArray(others.Select(name => (JsonNode)new JsonObject { ["required"] = new JsonArray(name) }).ToArray()) };
        return schema;
    }

    private static JsonObject Setting(JobSetting setting) => setting.Shape == JobSettingShape.Text
        ? new JsonObject { ["description"] = setting.Description, ["type"] = "string" }
        : new JsonObject { ["description"] = setting.Description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["minItems"] = 1 };

    /// <summary>A parameter is a value, a list of values, or (when numeric) a range {min, max, scale, type, steps}.</summary>
    private static JsonObject Parameter(JobParameter parameter)
    {
        var shapes = new JsonArray(
            Value(parameter),
            new JsonObject { ["type"] = "array", ["items"] = Value(parameter), ["minItems"] = 1, ["uniqueItems"] = true });
        if (parameter.Kind is ParameterKind.Integer or ParameterKind.Real) shapes.Add(Range(parameter));
        var schema = new JsonObject { ["description"] = parameter.Description + Explained(parameter) };
        if (parameter.Default is { } fallback) schema["default"] = Typed(parameter.Kind, fallback);
        schema["anyOf"] = shapes;
        return schema;
    }

    private static JsonObject Value(JobParameter parameter)
    {
        var schema = new JsonObject
        {
            ["type"] = parameter.Kind switch
            {
                ParameterKind.Integer => "integer",
                ParameterKind.Real => "number",
                ParameterKind.Text => "string",
                _ => "boolean",
            },
        };
        if (parameter.Choices is { } choices) schema["enum"] = Strings(choices);
        if (parameter.Bounds is { } bounds)
        {
            schema[bounds.MinExclusive ? "exclusiveMinimum" : "minimum"] = Number(parameter.Kind, bounds.Min);
            if (bounds.Max < double.MaxValue) schema[bounds.MaxExclusive ? "exclusiveMaximum" : "maximum"] = Number(parameter.Kind, bounds.Max);
        }
        return schema;
    }

    private static JsonObject Range(JobParameter parameter)
    {
        var isInteger = parameter.Kind == ParameterKind.Integer;
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["min"] = Value(parameter),
                ["max"] = Value(parameter),
                ["scale"] = new JsonObject { ["enum"] = new JsonArray("linear", "log"), ["default"] = "linear" },
                ["type"] = isInteger ? new JsonObject { ["const"] = "int" } : new JsonObject { ["enum"] = new JsonArray("float", "int"), ["default"] = "float" },
                ["steps"] = new JsonObject { ["description"] = "Points from min to max, ends included; for the grid sampler only.", ["type"] = "integer", ["minimum"] = 2, ["maximum"] = GridAxis.MaxSteps },
            },
            ["required"] = isInteger ? new JsonArray("min", "max", "type") : new JsonArray("min", "max"),
            ["additionalProperties"] = false,
        };
        return schema;
    }

    private static string Explained(JobParameter parameter)
    {
        var parts = new List<string>();
        if (parameter.Bounds is { } bounds) parts.Add(bounds.Describe() + (bounds.Reason is null ? "" : $": {bounds.Reason}"));
        if (parameter.Choices is { } choices) parts.Add($"one of {string.Join(", ", choices)}");
        parts.Add(parameter.Default is null ? "required" : $"default {parameter.Default}");
        return $" ({string.Join("; ", parts)})";
    }

    private static JsonNode Typed(ParameterKind kind, string text) => kind switch
    {
        ParameterKind.Integer => long.Parse(text, CultureInfo.InvariantCulture),
        ParameterKind.Real => double.Parse(text, CultureInfo.InvariantCulture),
        ParameterKind.Boolean => text == "true",
        _ => text,
    };

    private static JsonNode Number(ParameterKind kind, double value) =>
        kind == ParameterKind.Integer && Math.Abs(value) < 9e15 ? (long)value : value;

    private static JsonObject Ref(string definition) => new() { ["$ref"] = $"#/$defs/{definition}" };

    private static string DefinitionName(JobDefinition job) => $"job:{job.Kind}";

    private static JsonArray Strings(IEnumerable<string> words) => new(words.Select(w => (JsonNode)w).ToArray());
}
