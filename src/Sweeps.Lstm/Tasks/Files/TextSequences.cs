using System.Text;
using Sweeps.Lstm.Model;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// A <c>.txt</c> file for next-character prediction. The vocabulary is the file's distinct characters (UTF-16 code
/// units, ordinal order; line ends count as one '\n'). The text is cut into consecutive, non-overlapping windows of
/// <c>steps</c> characters; the input at each step is a character (one-hot) and the target the character after it,
/// so a text of N characters gives (N - 1) / steps sequences. Loss is cross-entropy per step; accuracy the share of
/// steps whose most probable character is the next one.
/// </summary>
public static class TextSequences
{
    public static SequenceData Read(string file, int steps, SequenceFileLimits limits)
    {
        var text = new StringBuilder();
        using (var lines = new BoundedLines(file, limits))
        {
            var first = true;
            while (lines.Next() is { } line)
            {
                if (!first) text.Append('\n');
                text.Append(line);
                first = false;
            }
        }
        var vocabulary = new SortedSet<char>();
        for (var i = 0; i < text.Length; i++)
            if (vocabulary.Add(text[i]) && vocabulary.Count > limits.MaxVocabulary)
                throw new SequenceFileException(file, LineAt(text, i), $"has more than {limits.MaxVocabulary} distinct characters; next-character prediction needs a small alphabet");
        if (vocabulary.Count < 2) throw new SequenceFileException(file, 0, $"has {vocabulary.Count} distinct characters; there is nothing to predict");

        var count = (text.Length - 1) / steps;
        if (count < 1)
            throw new SequenceFileException(file, 0, $"has {text.Length} characters: too short for one window of sequence_length {steps} steps plus the character after it");
        if (count > limits.MaxSequences)
            throw new SequenceFileException(file, 0, $"gives {count} windows of {steps} steps; at most {limits.MaxSequences}: use a longer sequence_length or a shorter text");
        var k = vocabulary.Count;
        if ((long)count * steps * 2 * k > limits.MaxValues)
            throw new SequenceFileException(file, 0, $"gives {count} windows x {steps} steps x {k} characters one-hot, more than {limits.MaxValues} numbers in memory; use a shorter text or fewer distinct characters");

        var alphabet = vocabulary.ToArray();
        var index = new Dictionary<char, int>(k);
        for (var j = 0; j < k; j++) index[alphabet[j]] = j;
        var sequences = new Sequence[count];
        for (var n = 0; n < count; n++)
        {
            var inputs = new double[steps * k];
            var targets = new double[steps * k];
            for (var t = 0; t < steps; t++)
            {
                var at = n * steps + t;
                inputs[t * k + index[text[at]]] = 1;
                targets[t * k + index[text[at + 1]]] = 1;
            }
            sequences[n] = new Sequence(inputs, targets);
        }
        return new SequenceData(k, k, OutputKind.Softmax, steps, sequences, new string(alphabet));
    }

    private static int LineAt(StringBuilder text, int position)
    {
        var line = 1;
        for (var i = 0; i < position; i++) if (text[i] == '\n') line++;
        return line;
    }
}
