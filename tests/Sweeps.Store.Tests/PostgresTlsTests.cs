using Npgsql;
using Sweeps.Cluster.Security;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>A <c>postgresql://</c> URI's sslmode against real servers, with and without TLS, certificates from the cluster's own CA.</summary>
public sealed class PostgresTlsTests
{
    private readonly string _folder = TestStores.NewFolder();

    [NeedsPostgresBinariesFact]
    public void Sslmode_require_refuses_a_server_without_tls_instead_of_connecting_in_the_clear()
    {
        using var server = PrivatePostgres.Create();
        var location = StoreLocation.Parse($"postgresql://postgres@127.0.0.1:{Port(server)}/postgres?sslmode=require&connect_timeout=5");
        var error = Assert.Throws<StoreException>(() => ResultStore.Open(location));
        Assert.Contains("SSL", error.Message);
        Assert.False(Encrypted(StoreLocation.Parse($"postgresql://postgres@127.0.0.1:{Port(server)}/postgres?sslmode=prefer")));
    }

    [NeedsPostgresBinariesFact]
    public void Sslmode_verify_full_with_the_cluster_s_ca_connects_over_tls_and_a_stranger_s_ca_is_refused()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 30, DateTimeOffset.UtcNow);
        ca.Save(_folder, force: false);
        using (var node = ca.IssueNode("db", ["127.0.0.1", "localhost"], null, DateTimeOffset.UtcNow))
            CertificateAuthority.SaveIssued(node, _folder, "node", force: false);
        var stranger = Path.Combine(_folder, "stranger");
        using (var other = CertificateAuthority.Create("Stranger CA", 30, DateTimeOffset.UtcNow)) other.Save(stranger, force: false);
        using var server = PrivatePostgres.Create(_folder);
        var uri = $"postgresql://postgres@127.0.0.1:{Port(server)}/postgres?connect_timeout=5";

        Assert.True(Encrypted(StoreLocation.Parse($"{uri}&sslmode=verify-full&sslrootcert={Uri.EscapeDataString(Path.Combine(_folder, "ca.crt"))}")));
        Assert.True(Encrypted(StoreLocation.Parse($"{uri}&sslmode=require")));
        Assert.False(Encrypted(StoreLocation.Parse($"{uri}&sslmode=disable")));
        Assert.ThrowsAny<Exception>(() => Encrypted(StoreLocation.Parse($"{uri}&sslmode=verify-ca&sslrootcert={Path.Combine(stranger, "ca.crt")}")));
        var store = ResultStore.Open(StoreLocation.Parse($"{uri}&sslmode=verify-full&sslrootcert={Path.Combine(_folder, "ca.crt")}"));
        Assert.Empty(store.Sweeps());
    }

    private static int Port(PrivatePostgres server) => new NpgsqlConnectionStringBuilder(server.ConnectionString).Port;

    /// <summary>Whether this connection is encrypted, as the server itself sees it.</summary>
    private static bool Encrypted(StoreLocation location)
    {
        using var connection = new NpgsqlConnection(location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
        return (bool)command.ExecuteScalar()!;
    }
}
