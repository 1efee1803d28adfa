using Akka.Actor;
using Akka.TestKit.Xunit2;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Serialization;
using Sweeps.Core.Parameters;
using SerializationException = System.Runtime.Serialization.SerializationException;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Cluster.Tests.Serialization;

public sealed class SweepsSerializerTests() : TestKit(Support.ClusterTestKit.Serialization)
{
    private static readonly DateTime At = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    private static readonly TrialParameters Parameters = new([
        new("dimension", ParameterValue.Of(100L)), new("epsilon", ParameterValue.Of(0.01)),
        new("optimizer", ParameterValue.Of("adam")), new("peepholes", ParameterValue.Of(true))]);

    private static readonly TrialOutcome Outcome = new("s", 3, 2, true,
        new Dictionary<string, double> { ["fraction"] = 0.25, ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity },
        new Dictionary<string, double[]> { ["histogram"] = [1, 2] }, null, At, At.AddSeconds(1));

    public static TheoryData<ISweepsMessage> Messages() =>
    [
        new RequestTrials("w", 8),
        new TrialsAssigned([new TrialAssignment("s", 1, 1, "noop", ulong.MaxValue, Parameters)]),
        new TrialsAssigned([new TrialAssignment("s", 2, 3, "command", 7, Parameters,
            [Core.Jobs.JobSettingValue.List("command", "python3", "train.py", "{epsilon}"), Core.Jobs.JobSettingValue.Text("working_dir", "/srv/p")],
            TimeSpan.FromHours(2))]),
        new TrialsAssigned([new TrialAssignment("s", 3, 2, "lstm.train", 7, Parameters, StopAtStep: 9, MayContinue: true)]),
        new TrialsReachedRung("s", "w", [new RungResult(Outcome, 1, 3, 0.25), new RungResult(Outcome, 0, 1, double.NaN)]),
        new TrialsPromoted("s", [new PromotedTrial(4, 0, 1, 2)], At),
        new TrialsPruned("s", [new PrunedTrial(Outcome with { Details = new Dictionary<string, string> { ["pruned"] = "not promoted" } }, 3, 1, "not promoted"),
            new PrunedTrial(Outcome, 5, null, "median rule")], At),
        new CoordinatorSnapshot([new SweepSnapshot("s", "name: s\n", "abc", 10, 5, 3, 1, SweepState.Running, [])
        {
            Scheduler = new SchedulerSnapshot([new RungRecord(4, 0, 0.5), new RungRecord(5, 0, double.PositiveInfinity)], [new RungRecord(4, 0, 0)],
                [new RungResult(Outcome, 0, 1, 0.5)], [7], [[0.9, 0.5], []]),
            Failures = [new RetriedTrial(2, 1, 0)],
            Prunings = [new RetriedTrial(5, 1, 0)],
            Pruned = 1,
        }]),
        NoTrialsAvailable.Instance,
        TrialsAvailable.Instance,
        new ReportOutcomes("w", 4, [Outcome]),
        new OutcomesRecorded(4),
        new ReturnTrials("w", 5, [new ReturnedTrial("s", 2, 1)]),
        new WorkerHeartbeat("w", [new TrialKey("s", 2)], [new TrialReport("s", 2, 0.5, 3, new Dictionary<string, double> { ["valid_loss"] = 0.1 })]),
        new WorkerHello("w", 1, "0.1.0"),
        new WorkerHello("w", WorkerHello.CurrentProtocol, "0.1.0", "lab", ["noop", "my.job"], new Dictionary<string, string> { ["gpu"] = "a100", ["zone"] = "b" }, ["MyJobs.dll"], 8),
        IntroduceYourself.Instance,
        new RefuseTrials("w", 6, [new RefusedTrial("s", 2, 1, "program 'python3' is not on this worker's PATH")]),
        new StopTrials("s", [2, 5], SweepState.Paused),
        new StopTrials("s", [7], SweepState.Cancelled),
        WorkerWelcome.Instance,
        new WorkerRefused("protocol 2"),
        new WorkerNameInUse("w", "held by a live worker"),
        new SubmitSweeps(["name: s\n"]),
        new SubmitSweeps(["name: s\n"], new SweepOrigin("0.10.0", "laptop", "ada", "0123abcd", true)),
        new SubmitResult([new SubmittedSweep("s", false, true, 10, ["changed"])]),
        GetProgress.Instance,
        new ProgressReport([new SweepProgress("s", SweepState.Running, 10, 1, 2, 3, 6)], 42),
        new ProgressReport([new SweepProgress("s", SweepState.Running, 10, 1, 2, 3, 6) { Waiting = "no connected worker can run it" }], 43),
        new ChangeSweepState("s", SweepState.Paused),
        new SweepStateChangeResult("s", true, "ok"),
        new RetryTrials("s", true, false),
        new TrialsRetryResult("s", true, "sweep 's': 2 failed trials will run again as new attempts", 2, 0),
        new TrialsRetried("s", [new RetriedTrial(3, 2, 0), new RetriedTrial(8, 4, 0)], 1, 1, At),
        Projection.GetPosition.Instance,
        new Projection.ProjectionPosition(42),
        new SweepSubmitted("s", "name: s\n", "abc", 10, At),
        new SweepSubmitted("s", "name: s\n", "abc", 10, At, new SweepOrigin("0.10.0", "laptop", "ada", null, null)),
        new TrialsDispatched("s", "w", 0, 4, [new RetriedTrial(9, 2, 1)], At),
        new TrialsFinished("s", "w", [Outcome]),
        new TrialsFinished("s", "w", [Outcome with { Host = "node-7", Details = new Dictionary<string, string> { ["command"] = "python3 train.py --lr 0.1" } }]),
        new TrialsRequeued("s", [new RequeuedTrial(1, 2, 1)], "lease expired"),
        new SweepStateChanged("s", SweepState.Finished, At),
        new TrialsRefused("s", "w", [new RequeuedTrial(1, 2, 0)], "program missing", At),
        new SweepWaiting("s", "no connected worker runs job kind 'command'", At),
        new SweepWaiting("s", null, At),
        new CoordinatorSnapshot([new SweepSnapshot("s", "name: s\n", "abc", 10, 5, 3, 1, SweepState.Running, [new RetriedTrial(4, 2, 0)])]),
        new CoordinatorSnapshot([new SweepSnapshot("s", "name: s\n", "abc", 10, 5, 3, 1, SweepState.Running, [], "waits for a gpu")]),
        new TrialsSuggested("s", 10, [Parameters, Parameters], At),
        new SweepExtended("s", "name: s\ntrials: 20\n", "abd", 20, At),
        new CoordinatorSnapshot([new SweepSnapshot("s", "name: s\n", "abc", 10, 5, 3, 1, SweepState.Running, [])
        {
            Suggested = [Parameters, Parameters],
            Observed = [new ObservedTrial(1, 0.25), new ObservedTrial(0, double.NaN)],
        }]),
    ];

    [Fact]
    public void Every_message_type_of_sweeps_has_a_manifest_so_none_falls_back_to_another_serializer()
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        var types = typeof(ISweepsMessage).Assembly.GetTypes().Where(t => typeof(ISweepsMessage).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        var examples = ((IEnumerable<object[]>)Messages()).Select(row => row[0]).ToList();
        Assert.All(types, type => Assert.Contains(examples, example => example.GetType() == type));
        Assert.All(examples, example => Assert.NotEmpty(serializer.Manifest(example)));
    }

    [Theory, MemberData(nameof(Messages))]
    public void Every_message_and_event_survives_a_round_trip_through_the_sweeps_serializer(ISweepsMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<SweepsSerializer>(serializer);
        var manifest = ((SweepsSerializer)serializer).Manifest(message);
        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
        Assert.Equal(Canonical(message), Canonical(back));
    }

    [Fact]
    public void Parameters_keep_their_order_and_kinds()
    {
        var serializer = (SweepsSerializer)Sys.Serialization.FindSerializerFor(new TrialsAssigned([]));
        var message = new TrialsAssigned([new TrialAssignment("s", 1, 1, "noop", 7, Parameters)]);
        var back = (TrialsAssigned)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
        var parameters = back.Trials.Single().Parameters;
        Assert.Equal(["dimension", "epsilon", "optimizer", "peepholes"], parameters.Select(p => p.Key));
        Assert.Equal([ParameterKind.Integer, ParameterKind.Real, ParameterKind.Text, ParameterKind.Boolean], parameters.Select(p => p.Value.Kind));
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Diagnostics.Process"));
        Assert.Contains("refusing unknown Sweeps manifest 'System.Diagnostics.Process'", error.Message);
    }

    [Fact]
    public void A_type_that_is_not_registered_is_refused()
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(new Unregistered()));
        Assert.Contains("is not a registered Sweeps message", error.Message);
    }

    [Fact]
    public void Events_journaled_before_run_metadata_recover_with_it_unknown_and_empty_metadata_is_not_written()
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        // As a journal of the version before run metadata holds them.
        var submitted = (SweepSubmitted)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(
            """{"Name":"s","Spec":"name: s\n","Fingerprint":"abc","TotalTrials":10,"At":"2026-11-26T03:00:00Z"}"""), "e.sub");
        Assert.Equal(new SweepSubmitted("s", "name: s\n", "abc", 10, At), submitted);
        Assert.Null(submitted.Origin);
        var finished = (TrialsFinished)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes("""
            {"Sweep":"s","Worker":"w","Outcomes":[{"Sweep":"s","Index":3,"Attempt":2,"Succeeded":true,"Metrics":{"fraction":0.25},
              "Error":null,"StartedAt":"2026-11-26T03:00:00Z","EndedAt":"2026-11-26T03:00:01Z"}]}
            """), "e.fin");
        var outcome = finished.Outcomes.Single();
        Assert.Equal((3L, 0.25), (outcome.Index, outcome.Metrics["fraction"]));
        Assert.Null(outcome.Host);
        Assert.Null(outcome.Details);

        // A trial with no details and an old-style submit cost no bytes for what they lack.
        var written = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new TrialsFinished("s", "w", [Outcome])));
        Assert.DoesNotContain("Details", written);
        Assert.DoesNotContain("Host", written);
        Assert.DoesNotContain("Origin", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new SweepSubmitted("s", "x", "f", 1, At))));
    }

    [Fact]
    public void States_are_journaled_as_the_words_old_journals_hold_and_old_events_recover()
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        const string changed = """{"Sweep":"s","State":"paused","At":"2026-11-26T03:00:00Z"}""";
        Assert.Equal(changed, System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new SweepStateChanged("s", SweepState.Paused, At))));

        // Written before states were types: both must still recover.
        var old = (SweepStateChanged)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(changed), "e.st");
        Assert.Equal(new SweepStateChanged("s", SweepState.Paused, At), old);
        var snapshot = (CoordinatorSnapshot)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes("""
            {"Sweeps":[{"Name":"s","Spec":"name: s\n","Fingerprint":"abc","TotalTrials":10,"Cursor":5,"Completed":3,"Failed":1,
              "State":"cancelled","ToRunAgain":[{"Index":4,"Attempt":2,"Losses":0}]}]}
            """), "s.coord");
        Assert.Equal(SweepState.Cancelled, snapshot.Sweeps.Single().State);
    }

    [Theory]
    [InlineData("\"banana\"", "'banana' is not a sweep state; the states are running, paused, cancelled, finished")]
    [InlineData("\"Paused\"", "'Paused' is not a sweep state; the states are running, paused, cancelled, finished")]
    [InlineData("1", "a sweep state must be one of running, paused, cancelled, finished, not a Number")]
    public void A_state_change_naming_no_known_state_is_refused_with_the_states_there_are(string state, string expected)
    {
        var serializer = new SweepsSerializer((ExtendedActorSystem)Sys);
        var error = Assert.Throws<SerializationException>(() =>
            serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes($$"""{"Name":"s","State":{{state}}}"""), "cs"));
        Assert.Contains($"refusing a ChangeSweepState ('cs'): {expected}", error.Message);
    }

    private sealed record Unregistered : ISweepsMessage;

    private static string Canonical(object message) =>
        System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), SweepsSerializer.Options);
}
