using System.Text.Json.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using SerializationException = System.Runtime.Serialization.SerializationException;
using Sweeps.Cluster.Events;
using Sweeps.Cluster.Messages;

namespace Sweeps.Cluster.Serialization;

/// <summary>
/// The one serializer for Sweeps' messages and events: JSON without type names, the type chosen by a short,
/// stable manifest from a fixed list. A manifest not on the list is refused, so no sender can make a node
/// build an arbitrary type, and renaming a class does not break an old journal.
/// </summary>
public sealed class SweepsSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        // worker protocol
        [typeof(RequestTrials)] = "rq",
        [typeof(TrialsAssigned)] = "as",
        [typeof(NoTrialsAvailable)] = "na",
        [typeof(TrialsAvailable)] = "av",
        [typeof(ReportOutcomes)] = "ro",
        [typeof(OutcomesRecorded)] = "or",
        [typeof(ReturnTrials)] = "rt",
        [typeof(WorkerHeartbeat)] = "hb",
        [typeof(WorkerHello)] = "hi",
        [typeof(WorkerWelcome)] = "hi.ok",
        [typeof(WorkerRefused)] = "hi.no",
        [typeof(WorkerNameInUse)] = "hi.busy",
        [typeof(IntroduceYourself)] = "hi.again",
        [typeof(RefuseTrials)] = "rf",
        [typeof(StopTrials)] = "st",
        // client protocol
        [typeof(SubmitSweeps)] = "sub",
        [typeof(SubmitResult)] = "subr",
        [typeof(GetProgress)] = "gp",
        [typeof(ProgressReport)] = "pr",
        [typeof(ChangeSweepState)] = "cs",
        [typeof(SweepStateChangeResult)] = "csr",
        [typeof(RetryTrials)] = "retry",
        [typeof(TrialsRetryResult)] = "retryr",
        [typeof(Projection.GetPosition)] = "pos",
        [typeof(Projection.ProjectionPosition)] = "posr",
        // journal
        [typeof(SweepSubmitted)] = "e.sub",
        [typeof(TrialsDispatched)] = "e.dis",
        [typeof(TrialsFinished)] = "e.fin",
        [typeof(TrialsRequeued)] = "e.req",
        [typeof(SweepStateChanged)] = "e.st",
        [typeof(TrialsRefused)] = "e.ref",
        [typeof(SweepWaiting)] = "e.wait",
        [typeof(TrialsSuggested)] = "e.sug",
        [typeof(SweepExtended)] = "e.ext",
        [typeof(TrialsReachedRung)] = "e.rung",
        [typeof(TrialsPromoted)] = "e.pro",
        [typeof(TrialsPruned)] = "e.pru",
        [typeof(TrialsRetried)] = "e.retry",
        [typeof(CoordinatorSnapshot)] = "s.coord",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(p => p.Value, p => p.Key);

    internal static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new TrialParametersConverter(), new SweepStateConverter(), new TrialStatusConverter() },
    };

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} is not a registered Sweeps message; add it to SweepsSerializer");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
            throw new SerializationException($"refusing unknown Sweeps manifest '{manifest}' (a node of another version, or not a Sweeps message)");
        try
        {
            return JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"empty payload for manifest '{manifest}'");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"refusing a {type.Name} ('{manifest}'): {e.Message}", e);
        }
    }
}
