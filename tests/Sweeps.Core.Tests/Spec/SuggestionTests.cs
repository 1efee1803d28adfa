using Sweeps.Core.Spec;

namespace Sweeps.Core.Tests.Spec;

/// <summary>"Did you mean" suggests a close word, and nothing when no word is close.</summary>
public class SuggestionTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("seed", "seeds", 1)]
    [InlineData("sampler", "smapler", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abc", "", 3)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggestion.EditDistance(a, b));
        Assert.Equal(distance, Suggestion.EditDistance(b, a));
    }

    [Theory]
    [InlineData("seeds", "seed")]
    [InlineData("Seed", "seed")]
    [InlineData("paramaters", "parameters")]
    [InlineData("objectiv", "objective")]
    [InlineData("colour", null)]
    [InlineData("x", null)]
    public void The_closest_known_key_is_suggested_only_when_close(string given, string? expected)
    {
        Assert.Equal(expected, Suggestion.Closest(given, SweepReader.Keys));
    }

    [Theory]
    [InlineData("geometry.shell", "geometry.shell-fraction")]
    [InlineData("shell-fraction", "geometry.shell-fraction")]
    [InlineData("geometry.ball", "geometry.ball-in-cube")]
    [InlineData("geometry.", null)]
    [InlineData("ge", null)]
    public void A_word_that_begins_or_ends_one_known_word_suggests_it(string given, string? expected)
    {
        string[] kinds = ["geometry.angles", "geometry.ball-in-cube", "geometry.shell-fraction", "lstm.train", "noop"];

        Assert.Equal(expected, Suggestion.Closest(given, kinds));
    }
}
