using Sweeps.Lstm.Model;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// Collects the numeric sequences of a JSON lines or CSV file and holds them to one shape: the same number of steps,
/// inputs per step and targets per step as the first sequence, and either regression targets or class labels
/// throughout. Every mistake names the line it is on; the limits are checked before memory is taken.
/// </summary>
internal sealed class SequenceBuilder(string file, SequenceFileLimits limits)
{
    private readonly List<double[]> _inputs = [];
    private readonly List<double[]> _targets = [];
    private readonly List<int[]> _labels = [];
    private int _steps, _inputWidth, _targetWidth, _firstLine, _maxLabel = -1;
    private bool? _classification;
    private long _values;

    public int Count => _inputs.Count;

    /// <param name="inputs">Steps x inputs, row-major.</param>
    /// <param name="targets">Steps x targets, row-major, for regression; null when <paramref name="labels"/> are given.</param>
    /// <param name="labels">One class per step, for classification.</param>
    public void Add(int line, int steps, int inputWidth, double[] inputs, int targetWidth, double[]? targets, int[]? labels)
    {
        if (steps < 1) throw Problem(line, "has no steps");
        if (inputWidth < 1) throw Problem(line, "has no inputs");
        if (inputWidth > limits.MaxWidth) throw Problem(line, $"has {inputWidth} inputs per step; at most {limits.MaxWidth}");
        if (targetWidth > limits.MaxWidth) throw Problem(line, $"has {targetWidth} targets per step; at most {limits.MaxWidth}");
        var classification = labels is not null;
        if (_inputs.Count == 0)
        {
            (_steps, _inputWidth, _targetWidth, _classification, _firstLine) = (steps, inputWidth, targetWidth, classification, line);
        }
        else
        {
            var first = $"the first sequence (line {_firstLine})";
            if (classification != _classification)
                throw Problem(line, classification ? $"has labels, but {first} has targets: a file is either regression or classification"
                    : $"has targets, but {first} has labels: a file is either regression or classification");
            if (steps != _steps)
                throw Problem(line, $"has {steps} steps, but {first} has {_steps}: all sequences of a file must be equally long (pad or cut them)");
            if (inputWidth != _inputWidth) throw Problem(line, $"has {inputWidth} inputs per step, but {first} has {_inputWidth}");
            if (targetWidth != _targetWidth) throw Problem(line, $"has {targetWidth} targets per step, but {first} has {_targetWidth}");
        }
        if (_inputs.Count >= limits.MaxSequences) throw Problem(line, $"is sequence {_inputs.Count + 1}; a file may hold at most {limits.MaxSequences}");
        _values += inputs.Length + (targets?.Length ?? labels!.Length);
        if (_values > limits.MaxValues) throw Problem(line, $"takes the file past {limits.MaxValues} numbers in memory; use fewer or shorter sequences");
        if (labels is not null)
            foreach (var label in labels)
            {
                if (label < 0 || label >= limits.MaxWidth) throw Problem(line, $"has label {label}; labels are classes 0 to {limits.MaxWidth - 1}");
                _maxLabel = Math.Max(_maxLabel, label);
            }
        _inputs.Add(inputs);
        if (targets is not null) _targets.Add(targets);
        if (labels is not null) _labels.Add(labels);
    }

    public SequenceData Build()
    {
        if (_inputs.Count == 0) throw new SequenceFileException(file, 0, "holds no sequences");
        var sequences = new Sequence[_inputs.Count];
        if (_classification == true)
        {
            var classes = _maxLabel + 1;
            if (classes < 2) throw new SequenceFileException(file, 0, "has only label 0: classification needs at least two classes (labels 0 and 1)");
            if ((long)_inputs.Count * _steps * (_inputWidth + classes) > limits.MaxValues)
                throw new SequenceFileException(file, 0, $"with {classes} classes one-hot would hold more than {limits.MaxValues} numbers in memory; use fewer or shorter sequences");
            for (var n = 0; n < sequences.Length; n++)
            {
                var targets = new double[_steps * classes];
                for (var t = 0; t < _steps; t++) targets[t * classes + _labels[n][t]] = 1;
                sequences[n] = new Sequence(_inputs[n], targets);
            }
            return new SequenceData(_inputWidth, classes, OutputKind.Softmax, _steps, sequences);
        }
        for (var n = 0; n < sequences.Length; n++) sequences[n] = new Sequence(_inputs[n], _targets[n]);
        return new SequenceData(_inputWidth, _targetWidth, OutputKind.Linear, _steps, sequences);
    }

    private SequenceFileException Problem(int line, string problem) => new(file, line, problem);
}
