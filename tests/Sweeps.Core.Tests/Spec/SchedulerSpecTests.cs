using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary><c>scheduler:</c>: what a spec may ask for, the defaults it gets, and the one clear error for each mistake.</summary>
public class SchedulerSpecTests
{
    private static readonly JobDefinition Trainer = new("fake.trainer", "trains in epochs", [JobParameter.Real("lr", "learning rate", 0.1)],
        ["valid_loss", "train_loss"], () => new NoopJob()) { Steps = "epoch" };

    private static readonly JobRegistry Jobs = TestJobs.Registry().Register(Trainer);

    private static SweepSpec Parse(string scheduler, string extra = "objective: {metric: valid_loss, goal: minimize}", string sampler = "random") =>
        SpecLoader.Parse($"""
            name: s
            job: fake.trainer
            sampler: {sampler}
            trials: 9
            parameters:
              lr: {"{"}min: 0.001, max: 1, scale: log{"}"}
            {extra}
            scheduler: {scheduler}
            """, "s.yaml", Jobs).Single();

    private static SpecError Refused(string scheduler, string extra = "objective: {metric: valid_loss, goal: minimize}", string sampler = "random") =>
        Assert.Single(Assert.Throws<SpecException>(() => Parse(scheduler, extra, sampler)).Errors);

    [Fact]
    public void Asha_as_the_issue_writes_it_is_read_with_every_field()
    {
        var spec = Parse("{kind: asha, metric: valid_loss, goal: minimize, resource: epoch, min_resource: 1, max_resource: 81, reduction_factor: 3}");
        Assert.Equal(new SchedulerSpec(SchedulerKind.Asha, "valid_loss", ObjectiveGoal.Minimize, "epoch", 1, 81, 3, SchedulerSpec.DefaultStartupTrials), spec.Scheduler);
    }

    [Fact]
    public void The_metric_goal_and_resource_default_to_the_objective_and_the_job()
    {
        var spec = Parse("{kind: hyperband, max_resource: 27}", "objective: {metric: train_loss, goal: maximize}");
        Assert.Equal(new SchedulerSpec(SchedulerKind.Hyperband, "train_loss", ObjectiveGoal.Maximize, "epoch", 1, 27, 3, 5), spec.Scheduler);
        Assert.Equal(SchedulerKind.Median, Parse("{kind: median, startup_trials: 2}").Scheduler!.Kind);
    }

    [Theory]
    [InlineData("{kind: asha, max_resource: 27}")]
    [InlineData("{kind: sha, min_resource: 2, max_resource: 18, reduction_factor: 3}")]
    [InlineData("{kind: median, metric: train_loss, goal: minimize, min_resource: 3, startup_trials: 0}")]
    public void The_canonical_text_reads_back_to_the_same_scheduler_and_fingerprint(string scheduler)
    {
        var spec = Parse(scheduler);
        var canonical = SpecText.ToCanonicalYaml(spec);
        var trusted = SpecLoader.ParseTrusted(canonical, "journal");
        Assert.Equal(spec.Scheduler, trusted.Scheduler);
        Assert.Equal(SpecText.Fingerprint(spec), SpecText.Fingerprint(trusted));
        Assert.Equal(spec.Scheduler, SpecLoader.Parse(canonical, "again.yaml", Jobs).Single().Scheduler);
    }

    [Theory]
    [InlineData("{kind: asha}", "scheduler.max_resource", "is missing: successive halving needs")]
    [InlineData("{kind: ashaa, max_resource: 9}", "scheduler.kind", "must be one of median, asha, sha, hyperband")]
    [InlineData("{max_resource: 9}", "scheduler.kind", "is missing")]
    [InlineData("{kind: asha, max_resource: 9, eta: 3}", "scheduler.eta", "unknown key 'eta'")]
    [InlineData("{kind: asha, max_resource: 9, reduction_factor: 1}", "scheduler.reduction_factor", "must be a whole number from 2 to 100")]
    [InlineData("{kind: asha, max_resource: 2}", "scheduler.max_resource", "must be at least min_resource × reduction_factor")]
    [InlineData("{kind: asha, min_resource: 10, max_resource: 5}", "scheduler.max_resource", "must be at least min_resource (10)")]
    [InlineData("{kind: asha, min_resource: 1, max_resource: 1000000000000, reduction_factor: 2}", "scheduler", "makes more than 20 rungs")]
    [InlineData("{kind: asha, max_resource: 9, metric: test_accuracy}", "scheduler.metric", "job 'fake.trainer' does not report a metric 'test_accuracy'")]
    [InlineData("{kind: asha, max_resource: 9, resource: batch}", "scheduler.resource", "counts its steps in epochs")]
    [InlineData("{kind: median, max_resource: 9}", "scheduler.max_resource", "is used by the successive-halving kinds")]
    [InlineData("{kind: asha, max_resource: 9, startup_trials: 3}", "scheduler.startup_trials", "is used by kind median only")]
    [InlineData("[asha]", "scheduler", "must be a mapping")]
    public void A_mistake_gets_one_clear_error(string scheduler, string field, string problem)
    {
        var error = Refused(scheduler);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Without_an_objective_the_metric_must_be_given()
    {
        var error = Refused("{kind: asha, max_resource: 9, goal: minimize}", extra: "");
        Assert.Equal("scheduler.metric", error.Field);
        Assert.Contains("no objective to take it from", error.Problem);
    }

    [Fact]
    public void Successive_halving_is_refused_with_tpe_and_a_job_that_does_not_run_in_steps()
    {
        Assert.Contains("cannot be used with sampler tpe", Refused("{kind: asha, max_resource: 9}", sampler: "tpe").Problem);
        Assert.NotNull(Parse("{kind: median}", sampler: "tpe").Scheduler);

        var noSteps = Assert.Throws<SpecException>(() => SpecLoader.Parse("""
            name: s
            job: fake.model
            parameters: {dimension: 3}
            objective: {metric: loss, goal: minimize}
            scheduler: {kind: asha, max_resource: 9}
            """, "s.yaml", Jobs));
        Assert.Contains("job 'fake.model' does not run in steps", Assert.Single(noSteps.Errors).Problem);
    }

    [Fact]
    public void A_synchronous_sweep_cannot_be_grown_since_its_bracket_is_its_trials()
    {
        var stored = Parse("{kind: sha, max_resource: 9}");
        Assert.False(SweepExtension.Extends(stored with { Trials = 27 }, stored));
        var asha = Parse("{kind: asha, max_resource: 9}");
        Assert.True(SweepExtension.Extends(asha with { Trials = 27 }, asha));
    }
}
