using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Sweeps.Store;

/// <summary>
/// A libpq connection URI, <c>postgresql://user:password@host:port,host2:port2/database?sslmode=verify-full&amp;...</c>,
/// read into Npgsql's settings: user, password, database and host percent-decoded, and each query parameter honoured
/// or refused by name (silently dropping <c>sslmode=require</c> would connect without TLS).
/// </summary>
public static partial class PostgresUri
{
    public static readonly IReadOnlyList<string> Parameters =
        ["sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "application_name", "connect_timeout", "target_session_attrs"];

    private static readonly IReadOnlyDictionary<string, SslMode> SslModes = new Dictionary<string, SslMode>
    {
        ["disable"] = SslMode.Disable,
        ["allow"] = SslMode.Allow,
        ["prefer"] = SslMode.Prefer,
        ["require"] = SslMode.Require,
        ["verify-ca"] = SslMode.VerifyCA,
        ["verify-full"] = SslMode.VerifyFull,
    };

    private static readonly IReadOnlyList<string> SessionAttributes = ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"];

    /// <summary>Npgsql's largest connect timeout, in seconds.</summary>
    private const int MaxConnectTimeout = 1024;

    public static bool Matches(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql settings the URI asks for; a mistake is an <see cref="ArgumentException"/> that never repeats the password.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = Cut(ref rest, '?');
        // The last '@' ends the credentials, so a '/', ':' or '@' typed unencoded in a password still reads as the password.
        var at = rest.LastIndexOf('@');
        if (at < 0 && query is not null && query.IndexOf('@') is var stray and >= 0 && !query[..stray].Contains('='))
            throw new ArgumentException("postgresql URI: the user name or password holds a '?'; write it as %3F");
        var builder = new NpgsqlConnectionStringBuilder();
        if (at >= 0)
        {
            var user = rest[..at];
            rest = rest[(at + 1)..];
            var colon = user.IndexOf(':');
            if (Decode(colon < 0 ? user : user[..colon], "user name") is { Length: > 0 } name) builder.Username = name;
            if (colon >= 0) builder.Password = Decode(user[(colon + 1)..], "password", secret: true);
        }
        var path = Cut(ref rest, '/');
        SetHosts(builder, rest);
        builder.Database = path is null || Decode(path, "database name") is not { Length: > 0 } database ? "sweeps" : database;
        if (query is not null) SetParameters(builder, query);
        return builder;
    }

    /// <summary>Splits <paramref name="text"/> at the first <paramref name="separator"/>: keeps what is before, returns what is after (null if absent).</summary>
    private static string? Cut(ref string text, char separator)
    {
        var index = text.IndexOf(separator);
        if (index < 0) return null;
        var after = text[(index + 1)..];
        text = text[..index];
        return after;
    }

    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hostList)
    {
        var hosts = hostList.Split(',').Select(ParseHost).ToList();
        if (hosts.Count == 1)
        {
            (builder.Host, builder.Port) = hosts[0];
            return;
        }
        // Several hosts: Npgsql tries them in turn (with target_session_attrs choosing among them), each with its own port.
        builder.Host = string.Join(",", hosts.Select(h => $"{(h.Host.Contains(':') ? $"[{h.Host}]" : h.Host)}:{h.Port}"));
    }

    private static (string Host, int Port) ParseHost(string text)
    {
        var match = HostAndPort().Match(text);
        if (!match.Success)
            throw new ArgumentException($"postgresql URI: '{text}' is not a host[:port] (write an IPv6 address in brackets, e.g. [::1]:5432)");
        var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : Decode(match.Groups["host"].Value, "host");
        var port = 5432;
        if (match.Groups["port"].Success && (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new ArgumentException($"postgresql URI: port '{match.Groups["port"].Value}' of host '{host}' is not a port; give 1 to 65535");
        return (host.Length > 0 ? host : "localhost", port);
    }

    private static void SetParameters(NpgsqlConnectionStringBuilder builder, string query)
    {
        var seen = new HashSet<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals], "parameter name");
            if (!Parameters.Contains(name))
                throw new ArgumentException($"postgresql URI: unknown parameter '{name}'; accepted: {string.Join(", ", Parameters)}");
            if (equals < 0) throw new ArgumentException($"postgresql URI: parameter '{name}' has no value; write {name}=VALUE");
            if (!seen.Add(name)) throw new ArgumentException($"postgresql URI: parameter '{name}' is given twice; give it once");
            var secret = name == "sslpassword";
            var value = Decode(pair[(equals + 1)..], $"value of {name}", secret);
            switch (name)
            {
                case "sslmode":
                    builder.SslMode = SslModes.TryGetValue(value, out var mode) ? mode
                        : throw new ArgumentException($"postgresql URI: sslmode '{value}' is not a mode; give one of {string.Join(", ", SslModes.Keys)}");
                    break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "sslcert": builder.SslCertificate = value; break;
                case "sslkey": builder.SslKey = value; break;
                case "sslpassword": builder.SslPassword = value; break;
                case "application_name": builder.ApplicationName = value; break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxConnectTimeout ? seconds
                        : throw new ArgumentException($"postgresql URI: connect_timeout '{value}' is not a number of seconds; give 0 (wait forever) to {MaxConnectTimeout}");
                    break;
                case "target_session_attrs":
                    builder.TargetSessionAttributes = SessionAttributes.Contains(value) ? value
                        : throw new ArgumentException($"postgresql URI: target_session_attrs '{value}' is not known; give one of {string.Join(", ", SessionAttributes)}");
                    break;
            }
        }
    }

    /// <summary>Percent-decodes a part of the URI; a broken escape is refused rather than kept as typed.</summary>
    private static string Decode(string text, string what, bool secret = false)
    {
        if (BrokenEscape().Match(text) is { Success: true } broken)
            throw new ArgumentException(secret
                ? $"postgresql URI: the {what} has a '%' not followed by two hex digits; write a literal % as %25"
                : $"postgresql URI: the {what} '{text}' has '{broken.Value}', not a percent-escape; write a literal % as %25");
        return Uri.UnescapeDataString(text);
    }

    [GeneratedRegex(@"%(?![0-9A-Fa-f]{2}).{0,2}")]
    private static partial Regex BrokenEscape();

    [GeneratedRegex(@"^(?:\[(?<v6>[0-9A-Fa-f:.]+)\]|(?<host>[^:\[\]]*))(?::(?<port>[^:]*))?$")]
    private static partial Regex HostAndPort();
}
