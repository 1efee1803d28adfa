using System.Globalization;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// A <c>.csv</c> file: a header row, then one step per row, comma-separated, no quoting. The column <c>sequence</c>
/// names the sequence a row belongs to (any text); the rows of a sequence are consecutive, in step order. Columns
/// named <c>target</c> or starting with <c>target</c> are regression targets; a column <c>label</c> holds a class
/// (0, 1, 2, ...) for classification instead; every other column is an input. Blank lines are skipped.
/// </summary>
public static class CsvSequences
{
    public static SequenceData Read(string file, SequenceFileLimits limits)
    {
        var builder = new SequenceBuilder(file, limits);
        using var lines = new BoundedLines(file, limits);
        string? header;
        do header = lines.Next(); while (header is not null && string.IsNullOrWhiteSpace(header));
        if (header is null) throw new SequenceFileException(file, 0, "is empty: a CSV sequence file starts with a header row (sequence,x1,...,target)");
        var columns = Columns.Read(header, file, lines.Number, limits);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var startLine = 0;
        var inputs = new List<double>();
        var targets = new List<double>();
        var labels = new List<int>();
        void Flush()
        {
            if (current is null) return;
            var steps = labels.Count + (columns.Targets.Count == 0 ? 0 : targets.Count / columns.Targets.Count);
            if (columns.Label is not null)
                builder.Add(startLine, labels.Count, columns.Inputs.Count, inputs.ToArray(), 0, null, labels.ToArray());
            else
                builder.Add(startLine, steps, columns.Inputs.Count, inputs.ToArray(), columns.Targets.Count, targets.ToArray(), null);
            inputs.Clear();
            targets.Clear();
            labels.Clear();
        }

        while (lines.Next() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var number = lines.Number;
            var cells = line.Split(',');
            if (cells.Length != columns.Count)
                throw new SequenceFileException(file, number, $"has {cells.Length} values, but the header (line {columns.Line}) names {columns.Count} columns");
            var id = cells[columns.Sequence].Trim();
            if (id.Length == 0) throw new SequenceFileException(file, number, "has an empty sequence id");
            if (id != current)
            {
                Flush();
                if (!seen.Add(id))
                    throw new SequenceFileException(file, number, $"continues sequence '{id}' after other rows: the rows of a sequence must be consecutive");
                current = id;
                startLine = number;
            }
            foreach (var c in columns.Inputs) inputs.Add(Number(cells[c], columns.Names[c], file, number));
            foreach (var c in columns.Targets) targets.Add(Number(cells[c], columns.Names[c], file, number));
            if (columns.Label is { } l)
            {
                var text = cells[l].Trim();
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label) || label < 0)
                    throw new SequenceFileException(file, number, $"column 'label' must be a class 0, 1, 2, ..., got '{Shown(text)}'");
                labels.Add(label);
            }
            if (inputs.Count > limits.MaxValues)
                throw new SequenceFileException(file, number, $"makes sequence '{id}' longer than {limits.MaxValues} numbers");
        }
        Flush();
        return builder.Build();
    }

    private static double Number(string cell, string column, string file, int line)
    {
        var text = cell.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        throw new SequenceFileException(file, line, $"column '{column}' must be a finite number, got '{Shown(text)}'");
    }

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>The header: which column is the id, which are inputs, targets or the label.</summary>
    private sealed record Columns(int Line, string[] Names, int Sequence, List<int> Inputs, List<int> Targets, int? Label)
    {
        public int Count => Names.Length;

        public static Columns Read(string header, string file, int line, SequenceFileLimits limits)
        {
            SequenceFileException Problem(string problem) => new(file, line, problem);
            if (header.Contains('"')) throw Problem("holds a quote: quoted CSV fields are not supported; the header names columns with plain words");
            var names = header.Split(',').Select(n => n.Trim()).ToArray();
            if (names.Length > 2 * limits.MaxWidth + 2) throw Problem($"names {names.Length} columns; at most {2 * limits.MaxWidth + 2}");
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw Problem($"names column '{duplicate.Key}' twice");
            if (names.Any(n => n.Length == 0)) throw Problem("has an empty column name");
            var sequence = Array.IndexOf(names, "sequence");
            if (sequence < 0) throw Problem("has no 'sequence' column: the header must name one (sequence,x1,...,target), and each row says which sequence it belongs to");
            int? label = Array.IndexOf(names, "label") is var l and >= 0 ? l : null;
            var targets = Enumerable.Range(0, names.Length).Where(i => names[i].StartsWith("target", StringComparison.Ordinal)).ToList();
            if (label is not null && targets.Count > 0) throw Problem("has both 'label' and target columns: a file is either classification (label) or regression (target...)");
            if (label is null && targets.Count == 0) throw Problem("has no 'target' or 'label' column: name the column(s) to predict target (or target1, target2, ...), or label for classes");
            var inputs = Enumerable.Range(0, names.Length).Where(i => i != sequence && i != label && !targets.Contains(i)).ToList();
            if (inputs.Count == 0) throw Problem("has no input columns: every column other than sequence, target... and label is an input");
            return new Columns(line, names, sequence, inputs, targets, label);
        }
    }
}
