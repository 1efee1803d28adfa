using System.Data.Common;

namespace Sweeps.Store;

/// <summary>
/// Leases in the store: <c>sweeps_leases</c> holds one row a lease, naming its owner (for people), the holder (one
/// process), a fencing number that grows with every acquisition, and when it expires. Expiry is measured by the
/// database's clock, so the clocks of the machines that compete never matter.
/// </summary>
public sealed class LeaseTable
{
    private readonly StoreDialect _dialect;
    private readonly string _now;

    public LeaseTable(StoreLocation location)
    {
        Location = location;
        _dialect = StoreDialect.For(location);
        _now = location.Provider == StoreProvider.Sqlite
            ? "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
            : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
        Ensure();
    }

    public StoreLocation Location { get; }

    /// <summary>
    /// Takes the lease if it is free, expired, or already this holder's; the new fencing number, or null if another
    /// holder has it.
    /// </summary>
    public long? TryAcquire(string name, string owner, string holder, TimeSpan ttl)
    {
        using var connection = _dialect.Open();
        using var command = Command(connection, $"""
            INSERT INTO sweeps_leases (name, owner, holder, fencing, expires_at) VALUES (@name, @owner, @holder, 1, {_now} + @ttl)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, holder = excluded.holder,
                fencing = sweeps_leases.fencing + 1, expires_at = excluded.expires_at
            WHERE sweeps_leases.expires_at <= {_now} OR sweeps_leases.holder = excluded.holder
            RETURNING fencing
            """, name, owner, holder, ttl);
        return command.ExecuteScalar() is { } fencing and not DBNull ? Convert.ToInt64(fencing) : null;
    }

    /// <summary>Extends the lease from now; false when it is no longer this holder's at this fencing number.</summary>
    public bool Renew(string name, string holder, long fencing, TimeSpan ttl)
    {
        using var connection = _dialect.Open();
        using var command = Command(connection, $"""
            UPDATE sweeps_leases SET expires_at = {_now} + @ttl
            WHERE name = @name AND holder = @holder AND fencing = @fencing AND expires_at > {_now}
            """, name, null, holder, ttl, fencing);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Frees the lease at once if this holder has it.</summary>
    public bool Release(string name, string holder)
    {
        using var connection = _dialect.Open();
        using var command = Command(connection, $"UPDATE sweeps_leases SET expires_at = {_now} WHERE name = @name AND holder = @holder AND expires_at > {_now}", name, null, holder);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Who holds the lease now; null when nobody does.</summary>
    public LeaseHolder? Holder(string name)
    {
        using var connection = _dialect.Open();
        using var command = Command(connection, $"SELECT owner, holder, fencing, expires_at - {_now} FROM sweeps_leases WHERE name = @name AND expires_at > {_now}", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LeaseHolder(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), TimeSpan.FromMilliseconds(reader.GetInt64(3)))
            : null;
    }

    private void Ensure()
    {
        using var connection = _dialect.Open();
        try
        {
            using var command = Command(connection, """
                CREATE TABLE IF NOT EXISTS sweeps_leases (
                    name       TEXT PRIMARY KEY,
                    owner      TEXT NOT NULL,
                    holder     TEXT NOT NULL,
                    fencing    BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL
                )
                """, null);
            command.ExecuteNonQuery();
        }
        // Two coordinators starting at once on PostgreSQL can both pass IF NOT EXISTS; the loser finds the table made.
        catch (Npgsql.PostgresException e) when (e.SqlState is "23505" or "42P07")
        {
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, string? name, string? owner = null, string? holder = null, TimeSpan? ttl = null, long? fencing = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@name", name);
        Add(command, "@owner", owner);
        Add(command, "@holder", holder);
        Add(command, "@ttl", ttl is { } t ? (long)t.TotalMilliseconds : null);
        Add(command, "@fencing", fencing);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        if (value is null) return;
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <param name="Owner">The node that holds it, as host:port.</param>
/// <param name="Holder">The process that holds it.</param>
/// <param name="ExpiresIn">How long it stays held unless renewed, by the database's clock.</param>
public sealed record LeaseHolder(string Owner, string Holder, long Fencing, TimeSpan ExpiresIn);
