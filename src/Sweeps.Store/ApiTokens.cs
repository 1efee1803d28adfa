using System.Security.Cryptography;
using System.Text;

namespace Sweeps.Store;

/// <summary>
/// Bearer tokens the coordinator issued for the HTTP API, kept as SHA-256 hashes only (a stolen store yields no usable
/// token). In the results store so that every coordinator node, the standby too, accepts the same tokens.
/// </summary>
public sealed class ApiTokens
{
    private readonly StoreLocation _location;
    private readonly StoreDialect _dialect;

    private ApiTokens(StoreLocation location)
    {
        _location = location;
        _dialect = StoreDialect.For(location);
    }

    /// <summary>Opens the token table, creating it if needed (idempotent, safe for two nodes at once).</summary>
    public static ApiTokens Open(StoreLocation location)
    {
        var tokens = new ApiTokens(location);
        tokens.Use(connection =>
        {
            using var command = ResultStore.Command(connection, null, $"""
                CREATE TABLE IF NOT EXISTS api_tokens (
                    hash       TEXT PRIMARY KEY,
                    issued_to  TEXT NOT NULL,
                    issued_at  {tokens._dialect.TimeType} NOT NULL
                )
                """);
            command.ExecuteNonQuery();
            return true;
        });
        return tokens;
    }

    /// <summary>Makes a new random token, stores its hash, and returns the token itself (shown once, never stored).</summary>
    public string Issue(string issuedTo, DateTime now)
    {
        var token = "swt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Use(connection =>
        {
            using var command = ResultStore.Command(connection, null,
                "INSERT INTO api_tokens (hash, issued_to, issued_at) VALUES (@hash, @to, @at)",
                ("@hash", Hash(token)), ("@to", issuedTo), ("@at", _dialect.Time(now)));
            return command.ExecuteNonQuery();
        });
        return token;
    }

    public bool IsValid(string token) => token.Length is > 0 and < 200 && Use(connection =>
    {
        using var command = ResultStore.Command(connection, null, "SELECT COUNT(*) FROM api_tokens WHERE hash = @hash", ("@hash", Hash(token)));
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    });

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private T Use<T>(Func<System.Data.Common.DbConnection, T> action)
    {
        try
        {
            using var connection = _dialect.Open();
            return action(connection);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new StoreException($"cannot use the token table of {_location.Display}: {e.Message}", e);
        }
    }
}
