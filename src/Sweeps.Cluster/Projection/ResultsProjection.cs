using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Sweeps.Cluster.Coordination;
using Sweeps.Store;

namespace Sweeps.Cluster.Projection;

/// <summary>
/// Writes the coordinator's journal into the results store's plain tables. It reads the journal from where the
/// store says it stopped, and writes each batch of rows together with that position in one transaction, so a
/// crash at any point neither loses nor doubles a row. If the database goes away it starts again with back-off.
/// </summary>
public sealed class ResultsProjection : ReceiveActor, IWithTimers
{
    public const string Name = "trials";

    /// <summary>
    /// A batch is one transaction of at most this many rows (counted before a trial's rows in one batch are merged). The
    /// coordinator journals a worker's dispatch as one event of ~1,000 trials, in bursts of 4 to 6, and their outcomes as
    /// ~15 events of ~500: a batch must span ~12,000 rows for most trials to be written once (started and ended) rather
    /// than twice, and a transaction's fixed cost (commit, offset, round trips) is then spread over thousands of rows.
    /// Measured on 2 cores shared with other builds (load 40), such a transaction took 0.1 to 2 s (quiet: not measured).
    /// </summary>
    internal const int MaxRows = 20_000;

    /// <summary>A batch waits at most this long to fill: the store trails the journal by about this much when trials trickle in.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(100);

    private readonly ResultStore _store;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _position;
    private int _failures;
    private UniqueKillSwitch? _stream;

    public ResultsProjection(ResultStore store)
    {
        _store = store;
        Receive<Start>(_ => Begin());
        Receive<Written>(w =>
        {
            _position = w.Position;
            _failures = 0;
        });
        Receive<StreamEnded>(ended =>
        {
            _stream = null;
            var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(_failures++, 7))));
            _log.Warning(ended.Cause, "Writing results to {0} stopped; trying again in {1:0.0} s", _store.Location, delay.TotalSeconds);
            Timers.StartSingleTimer("restart", Start.Instance, delay);
        });
        Receive<GetPosition>(_ => Sender.Tell(new ProjectionPosition(_position)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ResultStore store) => Akka.Actor.Props.Create(() => new ResultsProjection(store));

    protected override void PreStart() => Self.Tell(Start.Instance);

    protected override void PostStop() => _stream?.Shutdown();

    private void Begin()
    {
        var self = Self;
        try
        {
            var rows = new TrialRows();
            foreach (var sweep in _store.Sweeps()) rows.Know(sweep, _store.ReadTrials);
            _position = _store.ReadOffset(Name);
            var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var (killSwitch, done) = journal
                .EventsByPersistenceId(SweepCoordinator.JournalId, _position + 1, long.MaxValue)
                .GroupedWeightedWithin(MaxRows, MaxWait, envelope => TrialRows.Weight(envelope.Event))
                .SelectAsync(1, envelopes => Task.Run(() => Build(rows, envelopes))) // the next batch is built while one is written
                .SelectAsync(1, batch => Task.Run(() => Write(batch)))
                .ViaMaterialized(KillSwitches.Single<long>(), Keep.Right)
                .ToMaterialized(Sink.ForEach<long>(position => self.Tell(new Written(position))), Keep.Both)
                .Run(Context.Materializer());
            _stream = killSwitch;
            done.ContinueWith(t => self.Tell(new StreamEnded(t.Exception?.GetBaseException() ?? new Exception("the journal stream ended"))));
        }
        catch (Exception e)
        {
            self.Tell(new StreamEnded(e));
        }
    }

    private static StoreBatch Build(TrialRows rows, IEnumerable<EventEnvelope> envelopes)
    {
        var batch = new StoreBatch();
        foreach (var envelope in envelopes)
        {
            rows.Add(batch, envelope.Event);
            batch.SequenceNr = envelope.SequenceNr;
        }
        return batch;
    }

    private long Write(StoreBatch batch)
    {
        _store.Apply(batch, Name);
        return batch.SequenceNr;
    }

    private sealed record Written(long Position);

    private sealed record StreamEnded(Exception Cause);

    private sealed class Start
    {
        public static Start Instance { get; } = new();
    }
}

/// <summary>Asks the projection how far into the journal the store is written; it answers <see cref="ProjectionPosition"/>.</summary>
public sealed class GetPosition : Messages.ISweepsMessage
{
    public static GetPosition Instance { get; } = new();
}

public sealed record ProjectionPosition(long SequenceNr) : Messages.ISweepsMessage;
