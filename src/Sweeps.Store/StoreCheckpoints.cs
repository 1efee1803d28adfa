using System.Data.Common;
using Sweeps.Core.Jobs;

namespace Sweeps.Store;

/// <summary>
/// Trial checkpoints in the results store's <c>trial_checkpoints</c> table: one row a trial, its latest step's state,
/// replaced by a later step only (a late save of an old attempt loses) and deleted when the trial is over. For a node
/// that writes the store itself (<c>sweeps run</c>); workers elsewhere share a <c>--checkpoint-dir</c> instead.
/// </summary>
public sealed class StoreCheckpoints : ICheckpointStore
{
    private readonly ResultStore _store;
    private readonly StoreDialect _dialect;

    internal StoreCheckpoints(ResultStore store, StoreDialect dialect, long maxBytes)
    {
        _store = store;
        _dialect = dialect;
        MaxBytes = maxBytes > 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "must be above 0");
    }

    public long MaxBytes { get; }

    public ITrialCheckpoints For(string sweep, long trialIndex) => new Trial(this, sweep, trialIndex);

    internal static string Create(StoreDialect dialect) => $"""
        CREATE TABLE IF NOT EXISTS trial_checkpoints (
            sweep       TEXT NOT NULL,
            trial_index BIGINT NOT NULL,
            step        BIGINT NOT NULL,
            state       {(dialect.IsSqlite ? "BLOB" : "BYTEA")} NOT NULL,
            saved_at    {dialect.TimeType} NOT NULL,
            PRIMARY KEY (sweep, trial_index)
        )
        """;

    private sealed class Trial(StoreCheckpoints checkpoints, string sweep, long index) : ITrialCheckpoints
    {
        private string Name => TrialCheckpoints.Describe(sweep, index);

        public bool Enabled => true;

        public long MaxBytes => checkpoints.MaxBytes;

        public TrialCheckpoint? Latest() => checkpoints._store.Use(connection =>
        {
            using var command = ResultStore.Command(connection, null,
                "SELECT step, state FROM trial_checkpoints WHERE sweep = @sweep AND trial_index = @trial", ("@sweep", sweep), ("@trial", index));
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            var length = reader.GetBytes(1, 0, null, 0, 0);
            if (length > MaxBytes)
                throw new TrialCheckpointException($"the checkpoint of {Name} holds {length:N0} bytes, more than the {MaxBytes:N0} allowed");
            return new TrialCheckpoint(reader.GetInt64(0), (byte[])reader.GetValue(1));
        });

        public void Save(long step, ReadOnlyMemory<byte> state)
        {
            TrialCheckpoints.CheckSave(Name, step, state.Length, MaxBytes);
            checkpoints._store.Use(connection =>
            {
                using var command = ResultStore.Command(connection, null, """
                    INSERT INTO trial_checkpoints (sweep, trial_index, step, state, saved_at) VALUES (@sweep, @trial, @step, @state, @at)
                    ON CONFLICT (sweep, trial_index) DO UPDATE SET step = excluded.step, state = excluded.state, saved_at = excluded.saved_at
                    WHERE excluded.step >= trial_checkpoints.step
                    """, ("@sweep", sweep), ("@trial", index), ("@step", step), ("@state", state.ToArray()), ("@at", checkpoints._dialect.Time(DateTime.UtcNow)));
                command.ExecuteNonQuery();
            });
        }

        public void Clear() => checkpoints._store.Use(connection =>
        {
            using var command = ResultStore.Command(connection, null,
                "DELETE FROM trial_checkpoints WHERE sweep = @sweep AND trial_index = @trial", ("@sweep", sweep), ("@trial", index));
            command.ExecuteNonQuery();
        });
    }
}
