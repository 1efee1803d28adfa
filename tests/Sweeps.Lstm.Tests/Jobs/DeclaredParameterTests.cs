using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;
using Sweeps.Lstm.Jobs;

namespace Sweeps.Lstm.Tests.Jobs;

/// <summary>
/// What <c>lstm.train</c> declares it takes (checked in the spec, before anything runs) is what its trial checks:
/// a value just past a declared bound, or a word not among the choices, is refused by the trial too, and every choice is taken.
/// </summary>
public class DeclaredParameterTests
{
    private static readonly JobDefinition Train = LstmJobs.Definitions.Single(d => d.Kind == LstmTrainJob.Kind);

    public static TheoryData<string, double> JustOutside()
    {
        var data = new TheoryData<string, double>();
        foreach (var parameter in Train.Parameters)
        {
            if (parameter.Bounds is not { } bounds) continue;
            var step = parameter.Kind == ParameterKind.Integer ? 1 : 1e-9;
            data.Add(parameter.Name, bounds.MinExclusive ? bounds.Min : bounds.Min - step);
            if (bounds.Max < double.MaxValue) data.Add(parameter.Name, bounds.MaxExclusive ? bounds.Max : bounds.Max + step);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(JustOutside))]
    public void A_value_just_past_a_declared_bound_is_refused_by_the_trial_too(string name, double value)
    {
        var parameter = Train.FindParameter(name)!;
        var given = parameter.Kind == ParameterKind.Integer ? ParameterValue.Of((long)value) : ParameterValue.Of(value);

        var thrown = Assert.Throws<JobParameterException>(() => LstmTrainSettings.From(new TrialParameters([KeyValuePair.Create(name, given)])));

        Assert.Equal(name, thrown.Parameter);
    }

    public static TheoryData<string, string> Choices()
    {
        var data = new TheoryData<string, string>();
        foreach (var parameter in Train.Parameters)
            foreach (var choice in parameter.Choices ?? [])
                data.Add(parameter.Name, choice);
        return data;
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public void Every_declared_choice_is_taken_by_the_trial(string name, string choice)
    {
        // task: file takes its data file too; the other choices stand alone.
        var settings = LstmTrainSettings.From(new TrialParameters(choice == "file"
            ? [KeyValuePair.Create(name, ParameterValue.Of(choice)), KeyValuePair.Create("data", ParameterValue.Of("data.csv"))]
            : [KeyValuePair.Create(name, ParameterValue.Of(choice))]));

        Assert.NotNull(settings);
    }

    [Theory]
    [InlineData("task")]
    [InlineData("variant")]
    [InlineData("optimizer")]
    public void A_word_not_among_the_choices_is_refused_by_the_trial_too(string name)
    {
        Assert.NotNull(Train.FindParameter(name)!.Choices);

        var thrown = Assert.Throws<JobParameterException>(() =>
            LstmTrainSettings.From(new TrialParameters([KeyValuePair.Create(name, ParameterValue.Of("nfgg"))])));

        Assert.Equal(name, thrown.Parameter);
    }
}
