using Sweeps.Core.Lifecycle;

namespace Sweeps.Core.Tests.Lifecycle;

/// <summary>The words for sweep states and trial statuses: existing journals and stores hold them, so they are pinned here.</summary>
public class StateNamesTests
{
    [Theory]
    [InlineData(SweepState.Running, "running")]
    [InlineData(SweepState.Paused, "paused")]
    [InlineData(SweepState.Cancelled, "cancelled")]
    [InlineData(SweepState.Finished, "finished")]
    public void A_sweep_state_is_written_and_read_as_its_word(SweepState state, string text)
    {
        Assert.Equal(text, state.Text());
        Assert.Equal(state, StateNames.ParseSweepState(text));
    }

    [Theory]
    [InlineData(TrialStatus.Pending, "pending")]
    [InlineData(TrialStatus.Running, "running")]
    [InlineData(TrialStatus.Completed, "completed")]
    [InlineData(TrialStatus.Failed, "failed")]
    [InlineData(TrialStatus.Pruned, "pruned")]
    public void A_trial_status_is_written_and_read_as_its_word(TrialStatus status, string text)
    {
        Assert.Equal(text, status.Text());
        Assert.Equal(status, StateNames.ParseTrialStatus(text));
    }

    [Fact]
    public void Every_state_has_a_word()
    {
        Assert.All(Enum.GetValues<SweepState>(), s => Assert.NotEmpty(s.Text()));
        Assert.All(Enum.GetValues<TrialStatus>(), s => Assert.NotEmpty(s.Text()));
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("Paused")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void A_word_that_is_not_a_sweep_state_is_refused_with_the_states_there_are(string? text)
    {
        var error = Assert.Throws<UnknownStateException>(() => StateNames.ParseSweepState(text));
        Assert.Equal($"'{text}' is not a sweep state; the states are running, paused, cancelled, finished", error.Message);
    }

    [Fact]
    public void A_word_that_is_not_a_trial_status_is_refused_with_the_statuses_there_are()
    {
        var error = Assert.Throws<UnknownStateException>(() => StateNames.ParseTrialStatus("done"));
        Assert.Equal("'done' is not a trial status; the statuses are pending, running, completed, failed, pruned", error.Message);
    }

    [Fact]
    public void A_number_cast_to_a_state_has_no_word()
    {
        var error = Assert.Throws<UnknownStateException>(() => ((SweepState)42).Text());
        Assert.Equal("42 is not a sweep state; the states are running, paused, cancelled, finished", error.Message);
        Assert.False(((SweepState)42).IsKnown());
    }
}
