using Sweeps.Lstm.Model;
using Sweeps.Lstm.Tasks.Files;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Tasks.Files;

/// <summary>The three formats of <c>task: file</c>, read as documented in Sweeps.Lstm's README.</summary>
public sealed class SequenceFileTests : IDisposable
{
    private readonly DataFile _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Text_gives_one_hot_windows_whose_targets_are_the_next_characters()
    {
        var path = _files.Write("t.txt", "abcab\r\nba");
        var data = SequenceFile.Read(path, steps: 3);

        Assert.Equal("\nabc", data.Vocabulary); // ordinal order; \r\n is one \n
        Assert.Equal(OutputKind.Softmax, data.Output);
        Assert.Equal((4, 4, 3), (data.InputSize, data.OutputSize, data.Steps));
        Assert.Equal(2, data.Sequences.Count); // 8 characters: (8 - 1) / 3 windows
        Assert.Equal("abc", Decode(data.Sequences[0].Inputs, data.Vocabulary!));
        Assert.Equal("bca", Decode(data.Sequences[0].Targets, data.Vocabulary!));
        Assert.Equal("ab\n", Decode(data.Sequences[1].Inputs, data.Vocabulary!));
        Assert.Equal("b\nb", Decode(data.Sequences[1].Targets, data.Vocabulary!));
    }

    [Fact]
    public void Json_lines_read_lists_of_steps_or_single_numbers_as_regression()
    {
        var path = _files.Write("r.jsonl", """
            {"inputs": [[1, 2], [3, 4]], "targets": [[0.5], [0.25]]}

            {"targets": [1, -1], "inputs": [[5, 6], [7, 8e-1]]}
            """);
        var data = SequenceFile.Read(path, steps: 99);

        Assert.Equal(OutputKind.Linear, data.Output);
        Assert.Equal((2, 1, 2, 2), (data.InputSize, data.OutputSize, data.Steps, data.Sequences.Count));
        Assert.Equal([1, 2, 3, 4], data.Sequences[0].Inputs);
        Assert.Equal([0.5, 0.25], data.Sequences[0].Targets);
        Assert.Equal([5, 6, 7, 0.8], data.Sequences[1].Inputs);
        Assert.Equal([1, -1], data.Sequences[1].Targets);
    }

    [Fact]
    public void Json_lines_with_labels_are_classification_with_one_class_per_output()
    {
        var path = _files.Write("c.ndjson", "{\"inputs\": [0.1, 0.2, 0.3], \"labels\": [0, 2, 1]}\n{\"inputs\": [1, 2, 3], \"labels\": [1, 1, 0]}\n");
        var data = SequenceFile.Read(path, steps: 1);

        Assert.Equal(OutputKind.Softmax, data.Output);
        Assert.Equal((1, 3, 3), (data.InputSize, data.OutputSize, data.Steps));
        Assert.Equal([1, 0, 0, 0, 0, 1, 0, 1, 0], data.Sequences[0].Targets);
    }

    [Fact]
    public void Csv_groups_consecutive_rows_by_sequence_and_tells_inputs_from_targets_by_name()
    {
        var path = _files.Write("r.csv", "x,sequence,target_a,y,target_b\n1,s1,10,2,20\n3,s1,30,4,40\n\n5,s2,50,6,60\n7,s2,70,8,80\n");
        var data = SequenceFile.Read(path, steps: 1);

        Assert.Equal(OutputKind.Linear, data.Output);
        Assert.Equal((2, 2, 2, 2), (data.InputSize, data.OutputSize, data.Steps, data.Sequences.Count));
        Assert.Equal([1, 2, 3, 4], data.Sequences[0].Inputs);
        Assert.Equal([10, 20, 30, 40], data.Sequences[0].Targets);
        Assert.Equal([50, 60, 70, 80], data.Sequences[1].Targets);
    }

    [Fact]
    public void Csv_with_a_label_column_is_classification()
    {
        var path = _files.Write("c.csv", "sequence,reading,label\na,0.5,1\na,-1,0\nb,2,1\nb,3,1\n");
        var data = SequenceFile.Read(path, steps: 1);

        Assert.Equal(OutputKind.Softmax, data.Output);
        Assert.Equal((1, 2, 2), (data.InputSize, data.OutputSize, data.Steps));
        Assert.Equal([0, 1, 1, 0], data.Sequences[0].Targets);
    }

    [Theory]
    // Text
    [InlineData("a.txt", "aaaa", 2, 0, "has 1 distinct characters; there is nothing to predict")]
    [InlineData("a.txt", "ab", 5, 0, "too short for one window of sequence_length 5 steps")]
    [InlineData("a.txt", "ab\nc\0d", 1, 2, "holds a NUL character")]
    // JSON lines
    [InlineData("a.jsonl", "{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [1, 2", 1, 2, "is not JSON")]
    [InlineData("a.jsonl", "[1, 2]", 1, 1, "must be an object")]
    [InlineData("a.jsonl", "{\"inputs\": [1], \"targets\": [1], \"weights\": [1]}", 1, 1, "unknown key \"weights\"")]
    [InlineData("a.jsonl", "{\"targets\": [1]}", 1, 1, "has no \"inputs\"")]
    [InlineData("a.jsonl", "{\"inputs\": [1]}", 1, 1, "must have either \"targets\" (regression) or \"labels\" (classification)")]
    [InlineData("a.jsonl", "{\"inputs\": [1], \"targets\": [1], \"labels\": [0]}", 1, 1, "must have either")]
    [InlineData("a.jsonl", "{\"inputs\": [], \"targets\": []}", 1, 1, "\"inputs\" has no steps")]
    [InlineData("a.jsonl", "{\"inputs\": [[1, 2], [3]], \"targets\": [1, 2]}", 1, 1, "\"inputs\"[1] has 1 values, but step 0 has 2")]
    [InlineData("a.jsonl", "{\"inputs\": [1, \"2\"], \"targets\": [1, 2]}", 1, 1, "\"inputs\"[1] must be a number, got the text \"2\"")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 1e999], \"targets\": [1, 2]}", 1, 1, "\"inputs\"[1] is 1e999, too large")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 2], \"targets\": [1]}", 1, 1, "has 1 targets for 2 steps")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 2], \"labels\": [0, 1.5]}", 1, 1, "\"labels\"[1] must be a whole number")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 2], \"labels\": [0, -1]}", 1, 1, "has label -1")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 2], \"labels\": [0, 0]}", 0, 0, "has only label 0")]
    [InlineData("a.jsonl", "{\"inputs\": [1, 2], \"targets\": [1, 2]}\n{\"inputs\": [1, 2, 3], \"targets\": [1, 2, 3]}", 1, 2, "has 3 steps, but the first sequence (line 1) has 2")]
    [InlineData("a.jsonl", "{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [[1, 2]], \"targets\": [1]}", 1, 2, "has 2 inputs per step, but the first sequence (line 1) has 1")]
    [InlineData("a.jsonl", "{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [1], \"labels\": [1]}", 1, 2, "has labels, but the first sequence (line 1) has targets")]
    [InlineData("a.jsonl", "\n\n", 1, 0, "holds no sequences")]
    [InlineData("a.jsonl", "[[[[[[1]]]]]]", 1, 1, "is not JSON")]
    // CSV
    [InlineData("a.csv", "", 1, 0, "is empty")]
    [InlineData("a.csv", "x,target\n1,2", 1, 1, "has no 'sequence' column")]
    [InlineData("a.csv", "sequence,x\na,1", 1, 1, "has no 'target' or 'label' column")]
    [InlineData("a.csv", "sequence,target\na,1", 1, 1, "has no input columns")]
    [InlineData("a.csv", "sequence,x,label,target\na,1,0,1", 1, 1, "has both 'label' and target columns")]
    [InlineData("a.csv", "sequence,x,x,target\na,1,1,1", 1, 1, "names column 'x' twice")]
    [InlineData("a.csv", "sequence,\"x\",target\na,1,1", 1, 1, "quoted CSV fields are not supported")]
    [InlineData("a.csv", "sequence,x,target\na,1,2\na,1", 1, 3, "has 2 values, but the header (line 1) names 3 columns")]
    [InlineData("a.csv", "sequence,x,target\na,1,2\na,one,2", 1, 3, "column 'x' must be a finite number, got 'one'")]
    [InlineData("a.csv", "sequence,x,target\na,1,NaN", 1, 2, "column 'target' must be a finite number, got 'NaN'")]
    [InlineData("a.csv", "sequence,x,target\n,1,2", 1, 2, "has an empty sequence id")]
    [InlineData("a.csv", "sequence,x,target\na,1,2\nb,1,2\na,1,2", 1, 4, "continues sequence 'a' after other rows")]
    [InlineData("a.csv", "sequence,x,target\na,1,2\na,1,2\nb,1,2", 1, 4, "has 1 steps, but the first sequence (line 2) has 2")]
    [InlineData("a.csv", "sequence,x,label\na,1,2\na,1,x", 1, 3, "column 'label' must be a class 0, 1, 2, ..., got 'x'")]
    // Any format
    [InlineData("a.tsv", "sequence\tx", 1, 0, "has an extension this job does not read")]
    public void A_malformed_file_is_refused_with_its_line_and_what_is_wrong(string name, string content, int steps, int line, string problem)
    {
        var path = _files.Write(name, content);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, steps));
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith(line > 0 ? $"{path}:{line}: " : $"{path}: ", error.Message);
    }

    [Theory]
    [InlineData("big.txt")]
    [InlineData("big.jsonl")]
    [InlineData("big.csv")]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read(string name)
    {
        var path = _files.Write(name, new string('a', 2000));
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 1, new SequenceFileLimits { MaxBytes = 1000 }));
        Assert.Equal("is 2000 bytes; a sequence file may be at most 1000 bytes", error.Problem);
    }

    [Theory]
    [InlineData("long.txt", "ab\n" + "abababababababababababababababababab\n", 2)]
    [InlineData("long.jsonl", "{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [1, 2, 3, 4], \"targets\": [1, 2, 3, 4]}\n", 2)]
    [InlineData("long.csv", "sequence,x,target\na,1,1\na,1.000000000000000000000000000000,1\n", 3)]
    public void A_line_over_the_length_limit_is_refused_with_its_number(string name, string content, int line)
    {
        var path = _files.Write(name, content);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 1, new SequenceFileLimits { MaxLineChars = 32 }));
        Assert.Equal(line, error.Line);
        Assert.Equal("is longer than 32 characters", error.Problem);
    }

    [Theory]
    [InlineData("many.jsonl", "{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [1], \"targets\": [1]}\n{\"inputs\": [1], \"targets\": [1]}\n", 3, "is sequence 3; a file may hold at most 2")]
    [InlineData("many.csv", "sequence,x,target\na,1,1\nb,1,1\nc,1,1\n", 4, "is sequence 3; a file may hold at most 2")]
    public void More_sequences_than_the_limit_are_refused_at_the_first_one_too_many(string name, string content, int line, string problem)
    {
        var path = _files.Write(name, content);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 1, new SequenceFileLimits { MaxSequences = 2 }));
        Assert.Equal((line, problem), (error.Line, error.Problem));
    }

    [Theory]
    [InlineData("values.jsonl", "{\"inputs\": [1, 2, 3], \"targets\": [1, 2, 3]}\n{\"inputs\": [1, 2, 3], \"targets\": [1, 2, 3]}\n", 2)]
    [InlineData("values.csv", "sequence,x,target\na,1,1\na,1,1\na,1,1\nb,1,1\nb,1,1\nb,1,1\n", 5)]
    public void More_numbers_than_the_memory_limit_are_refused_while_reading(string name, string content, int line)
    {
        var path = _files.Write(name, content);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 1, new SequenceFileLimits { MaxValues = 10 }));
        Assert.Equal(line, error.Line);
        Assert.Contains("past 10 numbers in memory", error.Problem);
    }

    [Fact]
    public void A_text_with_too_many_one_hot_numbers_or_characters_is_refused_before_it_is_expanded()
    {
        var path = _files.Write("wide.txt", "abcdefghij\nklmnop");
        Assert.Contains("more than 100 numbers in memory",
            Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 2, new SequenceFileLimits { MaxValues = 100 })).Problem);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 2, new SequenceFileLimits { MaxVocabulary = 12 }));
        Assert.Equal((2, "has more than 12 distinct characters; next-character prediction needs a small alphabet"), (error.Line, error.Problem));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_with_their_line()
    {
        var path = _files.WriteBytes("latin1.txt", [(byte)'a', (byte)'b', (byte)'\n', (byte)'c', 0xE9, (byte)'d']);
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(path, 1));
        Assert.Equal((2, "is not valid UTF-8"), (error.Line, error.Problem));
    }

    [Fact]
    public void A_missing_file_says_where_relative_paths_resolve()
    {
        var error = Assert.Throws<SequenceFileException>(() => SequenceFile.Read(Path.Combine(_files.Folder, "none.csv"), 1));
        Assert.Contains("does not exist (a relative data: path resolves against the spec file's folder", error.Problem);
    }

    private static string Decode(double[] oneHot, string vocabulary)
    {
        var k = vocabulary.Length;
        return new string(Enumerable.Range(0, oneHot.Length / k).Select(t => vocabulary[Array.IndexOf(oneHot, 1.0, t * k, k) - t * k]).ToArray());
    }
}
