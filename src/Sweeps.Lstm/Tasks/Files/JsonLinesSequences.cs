using System.Text.Json;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// A <c>.jsonl</c> (or <c>.ndjson</c>) file: one sequence per line, blank lines skipped. Regression:
/// <c>{"inputs": [[0.1, 2], [0.3, 1]], "targets": [[0.5], [0.7]]}</c>; classification: <c>{"inputs": ..., "labels": [0, 2]}</c>.
/// Each step of <c>inputs</c> and <c>targets</c> is a list of numbers, or one number for one value per step; there is
/// one target (or label) per step. No other keys.
/// </summary>
public static class JsonLinesSequences
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    public static SequenceData Read(string file, SequenceFileLimits limits)
    {
        var builder = new SequenceBuilder(file, limits);
        using var lines = new BoundedLines(file, limits);
        while (lines.Next() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var number = lines.Number;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, Options);
            }
            catch (JsonException e)
            {
                throw new SequenceFileException(file, number, $"is not JSON: {e.Message.Split(" Path:")[0]}");
            }
            using (document) Add(builder, document.RootElement, file, number);
        }
        return builder.Build();
    }

    private static void Add(SequenceBuilder builder, JsonElement root, string file, int line)
    {
        SequenceFileException Problem(string problem) => new(file, line, problem);
        if (root.ValueKind != JsonValueKind.Object) throw Problem("must be an object {\"inputs\": [...], \"targets\": [...]} (or \"labels\")");
        JsonElement? inputs = null, targets = null, labels = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "inputs": inputs = property.Value; break;
                case "targets": targets = property.Value; break;
                case "labels": labels = property.Value; break;
                default: throw Problem($"has an unknown key \"{property.Name}\"; a sequence has \"inputs\" and \"targets\" or \"labels\"");
            }
        }
        if (inputs is null) throw Problem("has no \"inputs\"");
        if (targets is null == labels is null) throw Problem("must have either \"targets\" (regression) or \"labels\" (classification)");
        var (steps, inputWidth, inputValues) = Steps(inputs.Value, "inputs", Problem);
        if (labels is { } l)
        {
            if (l.ValueKind != JsonValueKind.Array) throw Problem("\"labels\" must be a list with one class number per step");
            var classes = new int[l.GetArrayLength()];
            var t = 0;
            foreach (var item in l.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var label))
                    throw Problem($"\"labels\"[{t}] must be a whole number (a class 0, 1, 2, ...), got {item.GetRawText()}");
                classes[t++] = label;
            }
            if (classes.Length != steps) throw Problem($"has {classes.Length} labels for {steps} steps: give one label per step");
            builder.Add(line, steps, inputWidth, inputValues, 0, null, classes);
            return;
        }
        var (targetSteps, targetWidth, targetValues) = Steps(targets!.Value, "targets", Problem);
        if (targetSteps != steps) throw Problem($"has {targetSteps} targets for {steps} steps: give one target per step");
        builder.Add(line, steps, inputWidth, inputValues, targetWidth, targetValues, null);
    }

    /// <summary>A list of steps, each a list of numbers (all equally long) or a single number.</summary>
    private static (int Steps, int Width, double[] Values) Steps(JsonElement list, string key, Func<string, SequenceFileException> problem)
    {
        if (list.ValueKind != JsonValueKind.Array) throw problem($"\"{key}\" must be a list of steps, got {Kind(list)}");
        var steps = list.GetArrayLength();
        if (steps == 0) throw problem($"\"{key}\" has no steps");
        var first = list[0];
        var width = first.ValueKind == JsonValueKind.Array ? first.GetArrayLength() : 1;
        if (width == 0) throw problem($"\"{key}\"[0] has no values");
        var values = new double[(long)steps * width > int.MaxValue ? throw problem($"\"{key}\" is too large") : steps * width];
        var t = 0;
        foreach (var step in list.EnumerateArray())
        {
            if (step.ValueKind == JsonValueKind.Array)
            {
                if (first.ValueKind != JsonValueKind.Array || step.GetArrayLength() != width)
                    throw problem($"\"{key}\"[{t}] has {step.GetArrayLength()} values, but step 0 has {width}: every step has the same number");
                var j = 0;
                foreach (var value in step.EnumerateArray()) values[t * width + j] = Number(value, $"\"{key}\"[{t}][{j++}]", problem);
            }
            else
            {
                if (first.ValueKind == JsonValueKind.Array) throw problem($"\"{key}\"[{t}] is {Kind(step)}, but step 0 is a list of {width} numbers");
                values[t] = Number(step, $"\"{key}\"[{t}]", problem);
            }
            t++;
        }
        return (steps, width, values);
    }

    private static double Number(JsonElement value, string where, Func<string, SequenceFileException> problem)
    {
        if (value.ValueKind != JsonValueKind.Number) throw problem($"{where} must be a number, got {Kind(value)}");
        var number = value.GetDouble();
        if (!double.IsFinite(number)) throw problem($"{where} is {value.GetRawText()}, too large for a double");
        return number;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the text {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => value.GetRawText(),
    };
}
