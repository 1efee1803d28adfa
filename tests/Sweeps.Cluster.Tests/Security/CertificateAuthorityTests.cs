using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Security;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Security;

/// <summary>The cluster's CA and the node and client certificates it signs: what a TLS peer checks, and every refusal.</summary>
public sealed class CertificateAuthorityTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void A_new_ca_is_a_self_signed_ca_valid_for_the_days_asked()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        var certificate = ca.Certificate;
        Assert.Equal("CN=Sweeps CA", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal(Now.AddDays(3650).UtcDateTime, certificate.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.True(certificate.NotBefore.ToUniversalTime() < Now.UtcDateTime, "valid already for a peer whose clock runs behind");
    }

    [Fact]
    public void A_saved_ca_is_pem_with_an_owner_only_key_and_loads_back_to_sign()
    {
        using (var made = CertificateAuthority.Create("Sweeps CA", 3650, Now))
            Assert.Equal([Path.Combine(_folder, "ca.crt"), Path.Combine(_folder, "ca.key")], made.Save(_folder, force: false));

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(_folder, "ca.crt")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_folder, "ca.key")));
        Assert.Equal(CertificateFile.SecretMode, Mode(Path.Combine(_folder, "ca.key")));
        Assert.Equal(CertificateFile.PublicMode, Mode(Path.Combine(_folder, "ca.crt")));

        using var ca = CertificateAuthority.Load(_folder, Now);
        using var node = ca.IssueNode("node1", ["localhost"], 30, Now);
        Assert.True(Chains(node, ca.Certificate));
    }

    [Fact]
    public void A_node_certificate_chains_to_its_ca_names_every_host_and_serves_and_dials()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        using var node = ca.IssueNode("node1", ["node1.example.com", "10.0.0.5", "[::1]", "localhost", "LOCALHOST"], 825, Now);

        Assert.Equal("CN=node1", node.Subject);
        Assert.True(node.HasPrivateKey);
        Assert.True(Chains(node, ca.Certificate));
        var names = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node1.example.com", "localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        Assert.Equal([ServerAuth, ClientAuth], Usages(node));
        Assert.False(node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void A_client_certificate_names_its_user_and_only_dials()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        using var client = ca.IssueClient("alice", 30, Now);

        Assert.Equal("CN=alice", client.Subject);
        Assert.True(Chains(client, ca.Certificate));
        Assert.Equal([ClientAuth], Usages(client));
        Assert.Empty(client.Extensions.OfType<X509SubjectAlternativeNameExtension>());
    }

    [Fact]
    public void A_certificate_of_another_ca_does_not_chain()
    {
        using var ours = CertificateAuthority.Create("Ours", 3650, Now);
        using var theirs = CertificateAuthority.Create("Theirs", 3650, Now);
        using var stranger = theirs.IssueNode("intruder", ["localhost"], 30, Now);
        Assert.False(Chains(stranger, ours.Certificate));
    }

    [Fact]
    public void Saved_node_files_are_a_pfx_with_the_key_and_pem_and_the_node_loads_them_for_mutual_tls()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        ca.Save(_folder, force: false);
        using var node = ca.IssueNode("node1", ["localhost"], 30, Now);
        var written = CertificateAuthority.SaveIssued(node, _folder, "node", force: false);

        Assert.Equal(["node.pfx", "node.crt", "node.key"], written.Select(Path.GetFileName));
        Assert.Equal(CertificateFile.SecretMode, Mode(Path.Combine(_folder, "node.pfx")));
        Assert.Equal(CertificateFile.SecretMode, Mode(Path.Combine(_folder, "node.key")));
        using var fromPfx = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_folder, "node.pfx"), null);
        using var fromPem = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "node.crt"), Path.Combine(_folder, "node.key"));
        Assert.True(fromPfx.HasPrivateKey && fromPem.HasPrivateKey);
        Assert.Equal(node.Thumbprint, fromPfx.Thumbprint);
        Assert.Equal(node.Thumbprint, fromPem.Thumbprint);
        Assert.NotNull(new TlsOptions(Path.Combine(_folder, "node.pfx"), null, Path.Combine(_folder, "ca.crt")).ToSslOptions().X509Certificate);
    }

    [Fact]
    public void A_ca_made_elsewhere_with_an_rsa_key_signs_too()
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Corporate CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var self = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(100));
            File.WriteAllText(Path.Combine(_folder, "ca.crt"), self.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_folder, "ca.key"), key.ExportRSAPrivateKeyPem());
        }
        using var ca = CertificateAuthority.Load(_folder, Now);
        using var node = ca.IssueNode("node1", ["localhost"], 30, Now);
        Assert.True(Chains(node, ca.Certificate));
    }

    [Theory]
    [InlineData("bad_name", "--host 'bad_name': not a DNS name or an IP address")]
    [InlineData("-node.example.com", "--host '-node.example.com': not a DNS name")]
    [InlineData("node..example.com", "--host 'node..example.com': not a DNS name")]
    [InlineData("1.2.3", "--host '1.2.3': not a DNS name or an IP address")]
    [InlineData("300.1.1.1", "--host '300.1.1.1': not an IP address")]
    [InlineData("fe80::zz", "--host 'fe80::zz': not an IP address")]
    [InlineData("0.0.0.0", "--host '0.0.0.0': a node listens on it but is never reached by it")]
    [InlineData("::", "--host '::': a node listens on it but is never reached by it")]
    [InlineData("", "--host '': not a DNS name")]
    public void A_bad_host_is_named(string host, string message)
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        var error = Assert.Throws<CertificateException>(() => ca.IssueNode("node1", [host], 30, Now));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_node_without_a_host_is_refused()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        var error = Assert.Throws<CertificateException>(() => ca.IssueNode("node1", [], 30, Now));
        Assert.StartsWith("--host: give each name or address the node is reached by", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("CN=admin,O=evil")]
    [InlineData("a b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_bad_user_name_is_refused(string user)
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        var error = Assert.Throws<CertificateException>(() => ca.IssueClient(user, 30, Now));
        Assert.Equal($"--name '{user}': give 1 to 64 letters, digits, '.', '_', '@' or '-' (it becomes the certificate's common name)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(36501)]
    public void Days_out_of_range_are_refused(int days)
    {
        var error = Assert.Throws<CertificateException>(() => CertificateAuthority.Create("Sweeps CA", days, Now));
        Assert.Equal($"--days {days}: out of range; give 1 to 36500", error.Message);
    }

    [Fact]
    public void Without_days_a_certificate_lasts_825_days_or_until_its_ca_expires()
    {
        using var lasting = CertificateAuthority.Create("Lasting", 3650, Now);
        using var node = lasting.IssueNode("node1", ["localhost"], days: null, Now);
        Assert.Equal(Now.AddDays(825).UtcDateTime, node.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));

        using var brief = CertificateAuthority.Create("Brief", 10, Now);
        using var client = brief.IssueClient("alice", days: null, Now);
        Assert.Equal(brief.Certificate.NotAfter, client.NotAfter);
    }

    [Fact]
    public void A_certificate_may_not_outlive_its_ca()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 10, Now);
        var error = Assert.Throws<CertificateException>(() => ca.IssueClient("alice", 11, Now));
        Assert.StartsWith("--days 11: the certificate would outlive its CA, which expires on ", error.Message);
    }

    [Fact]
    public void A_missing_ca_says_how_to_make_one()
    {
        var error = Assert.Throws<CertificateException>(() => CertificateAuthority.Load(_folder, Now));
        Assert.Equal($"--ca-dir: {Path.Combine(_folder, "ca.crt")} does not exist; make a CA first with: sweeps certs create-ca --out {_folder}", error.Message);
    }

    [Fact]
    public void A_ca_key_of_another_ca_is_refused()
    {
        using (var ours = CertificateAuthority.Create("Ours", 3650, Now)) ours.Save(_folder, force: false);
        var other = Path.Combine(_folder, "other");
        using (var theirs = CertificateAuthority.Create("Theirs", 3650, Now)) theirs.Save(other, force: false);
        File.Copy(Path.Combine(other, "ca.key"), Path.Combine(_folder, "ca.key"), overwrite: true);

        var error = Assert.Throws<CertificateException>(() => CertificateAuthority.Load(_folder, Now));
        Assert.Equal($"--ca-dir: {Path.Combine(_folder, "ca.key")} is not the key of {Path.Combine(_folder, "ca.crt")} (CN=Ours); give the pair made together by sweeps certs create-ca", error.Message);
    }

    [Fact]
    public void A_node_certificate_given_as_the_ca_is_refused()
    {
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);
        using var node = ca.IssueNode("node1", ["localhost"], 30, Now);
        CertificateAuthority.SaveIssued(node, _folder, "node", force: false);
        File.Move(Path.Combine(_folder, "node.crt"), Path.Combine(_folder, "ca.crt"));
        File.Move(Path.Combine(_folder, "node.key"), Path.Combine(_folder, "ca.key"));

        var error = Assert.Throws<CertificateException>(() => CertificateAuthority.Load(_folder, Now));
        Assert.Equal($"--ca-dir: {Path.Combine(_folder, "ca.crt")} (CN=node1) is not a CA certificate; it cannot sign others", error.Message);
    }

    [Fact]
    public void A_ca_file_that_is_not_pem_is_named()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), "not a certificate");
        File.WriteAllText(Path.Combine(_folder, "ca.key"), "not a key");
        var error = Assert.Throws<CertificateException>(() => CertificateAuthority.Load(_folder, Now));
        Assert.StartsWith($"--ca-dir: {Path.Combine(_folder, "ca.crt")} is not a PEM certificate", error.Message);
    }

    [Fact]
    public void Existing_files_are_kept_and_nothing_is_written_unless_forced()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.key"), "precious");
        using var ca = CertificateAuthority.Create("Sweeps CA", 3650, Now);

        var error = Assert.Throws<CertificateException>(() => ca.Save(_folder, force: false));
        Assert.Equal($"{Path.Combine(_folder, "ca.key")} already exists; nothing was written (give --force to replace)", error.Message);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(_folder, "ca.key")));
        Assert.False(File.Exists(Path.Combine(_folder, "ca.crt")), "all files or none");

        ca.Save(_folder, force: true);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_folder, "ca.key")));
        Assert.Equal(CertificateFile.SecretMode, Mode(Path.Combine(_folder, "ca.key")));
    }

    private static bool Chains(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static string[] Usages(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? "").ToArray();

    private static UnixFileMode Mode(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("file modes are checked on Unix only");
        return File.GetUnixFileMode(path);
    }
}
