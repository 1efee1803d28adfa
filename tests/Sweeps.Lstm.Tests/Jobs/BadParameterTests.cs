using Sweeps.Core.Parameters;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Jobs;

/// <summary>Every bad parameter fails the trial with a message that names it and says what would do.</summary>
public class BadParameterTests
{
    [Theory]
    [InlineData("variant", "lstm", "must be one of vanilla, nig, nfg, nog, niaf, noaf, cifg, np, fgr, got 'lstm'")]
    [InlineData("task", "timit", "must be one of adding, reber, polyphonic, file, got 'timit'")]
    [InlineData("optimizer", "rmsprop", "must be one of sgd, nesterov, adam, got 'rmsprop'")]
    [InlineData("hidden", 0L, "must be from 1 to 4096, got 0")]
    [InlineData("layers", 0L, "must be from 1 to 16, got 0")]
    [InlineData("batch", -2L, "must be from 1 to 4096, got -2")]
    [InlineData("learning_rate", 0.0, "must be greater than 0, got 0")]
    [InlineData("momentum", -0.5, "must be 0 or more, got -0.5")]
    [InlineData("momentum", 1.5, "must be at most")]
    [InlineData("input_noise", -1.0, "must be 0 or more, got -1")]
    [InlineData("clip", double.NaN, "must be a finite number")]
    [InlineData("sequence_length", 1L, "must be from 2 to 100000, got 1")]
    [InlineData("max_epochs", 0L, "must be from 1 to 100000, got 0")]
    [InlineData("patience", 0L, "must be from 1 to 100000, got 0")]
    [InlineData("train_sequences", 0L, "must be from 1 to 10000000, got 0")]
    [InlineData("hidden", 2.5, "must be a whole number, got 2.5")]
    [InlineData("learning_rate", "fast", "must be a number, got 'fast'")]
    public void A_bad_parameter_names_itself_and_what_it_should_be(string name, object value, string problem)
    {
        var error = Assert.Throws<JobParameterException>(() => Trial.Run(Trial.Parameters((name, value))));
        Assert.Equal(name, error.Parameter);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Data_too_large_to_hold_in_memory_is_refused_before_it_is_generated()
    {
        var error = Assert.Throws<JobParameterException>(() =>
            Trial.Run(Trial.Parameters(("train_sequences", 1_000_000L), ("sequence_length", 100L))));
        Assert.Equal("train_sequences", error.Parameter);
        Assert.Contains("times sequence_length must be at most 20000000 steps, got 1000000 x 100", error.Message);
    }
}
