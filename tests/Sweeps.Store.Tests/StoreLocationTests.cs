using Npgsql;
using Sweeps.Store;

namespace Sweeps.Store.Tests;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sweeps.db", StoreProvider.Sqlite)]
    [InlineData("/data/runs/results.sqlite", StoreProvider.Sqlite)]
    [InlineData("Host=db;Database=sweeps;Username=sweeps", StoreProvider.Postgres)]
    [InlineData("Server=10.0.0.5;Port=5433;Database=s;User Id=u", StoreProvider.Postgres)]
    [InlineData("postgresql://sweeps:secret@db:5432/results", StoreProvider.Postgres)]
    [InlineData("postgres://db/results", StoreProvider.Postgres)]
    public void A_path_is_sqlite_and_a_connection_string_is_postgres(string text, StoreProvider provider) =>
        Assert.Equal(provider, StoreLocation.Parse(text).Provider);

    [Fact]
    public void A_postgres_uri_keeps_user_password_host_port_and_database()
    {
        var location = StoreLocation.Parse("postgresql://sweeps:s%40cret@db:6543/results");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db", 6543, "results", "sweeps", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal("PostgreSQL db:6543/results", location.Display);
        Assert.Equal("PostgreSQL.15", location.PersistenceProviderName);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Sslmode_is_honoured(string sslmode, SslMode expected) =>
        Assert.Equal(expected, Settings($"postgresql://sweeps@db/results?sslmode={sslmode}").SslMode);

    [Fact]
    public void Certificate_files_application_name_timeout_and_session_attributes_are_honoured()
    {
        var settings = Settings("postgresql://sweeps@db/results?sslmode=verify-full&sslrootcert=%2Fetc%2Fsweeps%2Fca.crt"
            + "&sslcert=/etc/sweeps/client.crt&sslkey=/etc/sweeps/client.key&sslpassword=k%26y&application_name=sweeps%20coordinator"
            + "&connect_timeout=7&target_session_attrs=read-write");
        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal("/etc/sweeps/ca.crt", settings.RootCertificate);
        Assert.Equal("/etc/sweeps/client.crt", settings.SslCertificate);
        Assert.Equal("/etc/sweeps/client.key", settings.SslKey);
        Assert.Equal("k&y", settings.SslPassword);
        Assert.Equal("sweeps coordinator", settings.ApplicationName);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal("read-write", settings.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("any")]
    [InlineData("read-write")]
    [InlineData("read-only")]
    [InlineData("primary")]
    [InlineData("standby")]
    [InlineData("prefer-standby")]
    public void Every_libpq_target_session_attribute_is_honoured(string attributes) =>
        Assert.Equal(attributes, Settings($"postgresql://db/results?target_session_attrs={attributes}").TargetSessionAttributes);

    [Fact]
    public void Without_sslmode_npgsql_s_default_stays()
    {
        Assert.Equal(new NpgsqlConnectionStringBuilder().SslMode, Settings("postgresql://sweeps@db/results").SslMode);
        Assert.Equal(0, Settings("postgresql://sweeps@db/results?connect_timeout=0").Timeout);
    }

    [Fact]
    public void User_password_and_database_are_percent_decoded_and_a_password_may_hold_reserved_characters()
    {
        var settings = Settings("postgresql://d%C3%A9j%C3%A0%40corp:p%3Fw%2Fd%25:@x@db:5433/my%20results");
        Assert.Equal(("déjà@corp", "p?w/d%:@x", "my results", "db", 5433), (settings.Username, settings.Password, settings.Database, settings.Host, settings.Port));
    }

    [Fact]
    public void Several_hosts_each_keep_their_port()
    {
        var location = StoreLocation.Parse("postgresql://sweeps@db1:5433,db2,[::1]:6000/results?target_session_attrs=primary");
        Assert.Equal("db1:5433,db2:5432,[::1]:6000", new NpgsqlConnectionStringBuilder(location.ConnectionString).Host);
        Assert.Equal("PostgreSQL db1:5433,db2:5432,[::1]:6000/results", location.Display);
    }

    [Fact]
    public void A_uri_without_host_or_database_means_localhost_and_sweeps()
    {
        var settings = Settings("postgresql://");
        Assert.Equal(("localhost", 5432, "sweeps"), (settings.Host, settings.Port, settings.Database));
        Assert.Equal("::1", Settings("postgresql://[::1]/x").Host);
    }

    [Theory]
    [InlineData("postgresql://sweeps:hunter2@db/results?sslmode=require")]
    [InlineData("Host=db;Database=results;Username=sweeps;Password=hunter2")]
    public void The_password_is_never_shown(string text)
    {
        var location = StoreLocation.Parse(text);
        Assert.Equal("hunter2", new NpgsqlConnectionStringBuilder(location.ConnectionString).Password);
        Assert.Equal("PostgreSQL db:5432/results", location.Display);
        Assert.DoesNotContain("hunter2", location.ToString());
    }

    [Theory]
    [InlineData("postgresql://db/x?ssl=true", "postgresql URI: unknown parameter 'ssl'; accepted: sslmode, sslrootcert, sslcert, sslkey, sslpassword, application_name, connect_timeout, target_session_attrs")]
    [InlineData("postgresql://db/x?sslmode=required", "postgresql URI: sslmode 'required' is not a mode; give one of disable, allow, prefer, require, verify-ca, verify-full")]
    [InlineData("postgresql://db/x?sslmode", "postgresql URI: parameter 'sslmode' has no value; write sslmode=VALUE")]
    [InlineData("postgresql://db/x?sslmode=require&sslmode=disable", "postgresql URI: parameter 'sslmode' is given twice; give it once")]
    [InlineData("postgresql://db/x?connect_timeout=soon", "postgresql URI: connect_timeout 'soon' is not a number of seconds; give 0 (wait forever) to 1024")]
    [InlineData("postgresql://db/x?connect_timeout=-1", "postgresql URI: connect_timeout '-1' is not a number of seconds")]
    [InlineData("postgresql://db/x?connect_timeout=5000", "postgresql URI: connect_timeout '5000' is not a number of seconds")]
    [InlineData("postgresql://db/x?target_session_attrs=master", "postgresql URI: target_session_attrs 'master' is not known; give one of any, read-write, read-only, primary, standby, prefer-standby")]
    [InlineData("postgresql://db:99999/x", "postgresql URI: port '99999' of host 'db' is not a port; give 1 to 65535")]
    [InlineData("postgresql://db:http/x", "postgresql URI: port 'http' of host 'db' is not a port")]
    [InlineData("postgresql://::1/x", "postgresql URI: '::1' is not a host[:port] (write an IPv6 address in brackets, e.g. [::1]:5432)")]
    [InlineData("postgresql://db/my%zzdb", "postgresql URI: the database name 'my%zzdb' has '%zz', not a percent-escape; write a literal % as %25")]
    public void A_bad_uri_names_the_part_and_what_would_be_right(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("postgresql://sweeps:hunter2%zz@db/x", "the password has a '%' not followed by two hex digits")]
    [InlineData("postgresql://sweeps:hun?ter2@db/x", "the user name or password holds a '?'; write it as %3F")]
    [InlineData("postgresql://sweeps:hunter2@db:port/x", "port 'port' of host 'db' is not a port")]
    [InlineData("postgresql://sweeps@db/x?sslpassword=hunter2%", "the value of sslpassword has a '%' not followed by two hex digits")]
    public void A_bad_uri_with_a_password_never_repeats_the_password(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("ter2", error.Message);
    }

    [Fact]
    public void A_sqlite_path_becomes_absolute()
    {
        var location = StoreLocation.Parse("sweeps.db");
        Assert.True(Path.IsPathRooted(location.Display));
        Assert.Equal("SQLite.MS", location.PersistenceProviderName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_store_says_what_would_be_right(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.Contains("give a SQLite file path (sweeps.db) or a PostgreSQL connection string", error.Message);
    }

    private static NpgsqlConnectionStringBuilder Settings(string uri) => new(StoreLocation.Parse(uri).ConnectionString);
}
