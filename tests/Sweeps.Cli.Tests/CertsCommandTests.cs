using System.Net;
using System.Security.Cryptography.X509Certificates;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps certs</c> run for real: the files a cluster needs, each refusal a person sees, and a TLS cluster built from them.</summary>
public sealed class CertsCommandTests
{
    private readonly string _folder = TestStores.NewFolder();

    private string Ca => Path.Combine(_folder, "ca");

    [Fact]
    public void Create_ca_node_and_client_write_certificates_that_chain_to_the_ca_with_owner_only_keys()
    {
        Succeeds("certs", "create-ca", "--out", Ca, "--name", "Test Cluster CA", "--days", "30");
        Succeeds("certs", "create-node", "--ca-dir", Ca, "--host", "node1.example.com", "--host", "10.0.0.5", "--host", "localhost", "--out", Path.Combine(_folder, "node1"), "--name", "node1");
        var (code, output, errors) = SweepsProcess.Run(_folder, "certs", "create-client", "--ca-dir", Ca, "--name", "alice", "--out", Path.Combine(_folder, "alice"));
        Assert.True(code == 0, output + errors);
        Assert.Contains($"wrote {Path.Combine(_folder, "alice", "client.pfx")}", output);

        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(Ca, "ca.crt"), Path.Combine(Ca, "ca.key"));
        Assert.Equal("CN=Test Cluster CA", ca.Subject);
        Assert.InRange(ca.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(Path.Combine(Ca, "ca.key")));

        using var node = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_folder, "node1", "node.pfx"), null);
        Assert.True(node.HasPrivateKey);
        Assert.Equal("CN=node1", node.Subject);
        Assert.True(Chains(node, ca));
        var names = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node1.example.com", "localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("10.0.0.5")], names.EnumerateIPAddresses());
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], Usages(node));
        foreach (var secret in new[] { "node.pfx", "node.key" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(Path.Combine(_folder, "node1", secret)));

        // The PEM pair is what curl takes: --cert client.crt --key client.key --cacert ca.crt.
        using var client = X509Certificate2.CreateFromPemFile(Path.Combine(_folder, "alice", "client.crt"), Path.Combine(_folder, "alice", "client.key"));
        Assert.Equal("CN=alice", client.Subject);
        Assert.True(Chains(client, ca));
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], Usages(client));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(Path.Combine(_folder, "alice", "client.key")));
    }

    [Fact]
    public void Existing_files_are_refused_and_kept_unless_forced()
    {
        Succeeds("certs", "create-ca", "--out", Ca);
        var key = File.ReadAllText(Path.Combine(Ca, "ca.key"));

        var (code, output, errors) = SweepsProcess.Run(_folder, "certs", "create-ca", "--out", Ca);
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(Ca, "ca.crt")}, {Path.Combine(Ca, "ca.key")} already exist; nothing was written (give --force to replace)", errors.Trim());
        Assert.Equal("", output);
        Assert.Equal(key, File.ReadAllText(Path.Combine(Ca, "ca.key")));

        Succeeds("certs", "create-ca", "--out", Ca, "--force");
        Assert.NotEqual(key, File.ReadAllText(Path.Combine(Ca, "ca.key")));
    }

    [Fact]
    public void A_missing_ca_says_how_to_make_one()
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, "certs", "create-node", "--ca-dir", Ca, "--host", "localhost", "--out", _folder);
        Assert.Equal(2, code);
        Assert.Equal($"error: --ca-dir: {Path.Combine(Ca, "ca.crt")} does not exist; make a CA first with: sweeps certs create-ca --out {Ca}", errors.Trim());
    }

    [Fact]
    public void A_ca_key_that_does_not_match_its_certificate_is_refused()
    {
        Succeeds("certs", "create-ca", "--out", Ca);
        Succeeds("certs", "create-ca", "--out", Path.Combine(_folder, "other"));
        File.Copy(Path.Combine(_folder, "other", "ca.key"), Path.Combine(Ca, "ca.key"), overwrite: true);

        var (code, _, errors) = SweepsProcess.Run(_folder, "certs", "create-client", "--ca-dir", Ca, "--name", "alice", "--out", _folder);
        Assert.Equal(2, code);
        Assert.Equal($"error: --ca-dir: {Path.Combine(Ca, "ca.key")} is not the key of {Path.Combine(Ca, "ca.crt")} (CN=Sweeps CA); give the pair made together by sweeps certs create-ca", errors.Trim());
        Assert.False(File.Exists(Path.Combine(_folder, "client.pfx")));
    }

    [Theory]
    [InlineData(new[] { "create-node", "--host", "bad_host!" }, "error: --host 'bad_host!': not a DNS name or an IP address")]
    [InlineData(new[] { "create-node", "--host", "0.0.0.0" }, "error: --host '0.0.0.0': a node listens on it but is never reached by it")]
    [InlineData(new[] { "create-node" }, "error: --host: give each name or address the node is reached by")]
    [InlineData(new[] { "create-node", "--host", "localhost", "--days", "0" }, "error: --days 0: out of range; give 1 to 36500")]
    [InlineData(new[] { "create-node", "--host", "localhost", "--days", "4000" }, "error: --days 4000: the certificate would outlive its CA")]
    [InlineData(new[] { "create-client" }, "error: --name: give the user the certificate is for, e.g. --name alice")]
    [InlineData(new[] { "create-client", "--name", "CN=root,O=x" }, "error: --name 'CN=root,O=x': give 1 to 64 letters, digits")]
    public void A_bad_request_to_the_ca_is_one_line_naming_what_is_wrong_and_writes_nothing(string[] args, string message)
    {
        Succeeds("certs", "create-ca", "--out", Ca);
        var output = Path.Combine(_folder, "out");
        var (code, _, errors) = SweepsProcess.Run(_folder, ["certs", .. args, "--ca-dir", Ca, "--out", output]);
        Assert.Equal(2, code);
        Assert.StartsWith(message, errors);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.False(Directory.Exists(output), "nothing is written");
    }

    [Theory]
    [InlineData(new[] { "create-ca", "--out", "ca", "--days", "36501" }, "error: --days 36501: out of range; give 1 to 36500")]
    [InlineData(new[] { "create-ca" }, "error: --out: give the folder to write ca.crt and ca.key to, e.g. --out certs")]
    [InlineData(new[] { "create-ca", "--out", "ca", "--name", " " }, "error: --name ' ': give 1 to 64 printable characters")]
    [InlineData(new[] { "create-node", "--host", "localhost", "--out", "node" }, "error: --ca-dir: give the folder holding ca.crt and ca.key")]
    public void A_bad_option_is_one_line_naming_what_is_wrong(string[] args, string message)
    {
        var (code, _, errors) = SweepsProcess.Run(_folder, ["certs", .. args]);
        Assert.Equal(2, code);
        Assert.StartsWith(message, errors);
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Fact]
    public void An_out_folder_that_is_a_file_is_refused()
    {
        var taken = Files.Write(_folder, "taken", "a file");
        var (code, _, errors) = SweepsProcess.Run(_folder, "certs", "create-ca", "--out", taken);
        Assert.Equal(2, code);
        Assert.Equal($"error: --out {taken} is a file; give a folder", errors.Trim());
    }

    [Fact]
    public void Nodes_with_certificates_from_sweeps_certs_run_a_sweep_over_mutual_tls_and_a_node_of_another_ca_is_refused()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        Succeeds("certs", "create-ca", "--out", Ca);
        Succeeds("certs", "create-ca", "--out", Path.Combine(_folder, "stranger-ca"));
        string[] Tls(string node, string ca = "ca")
        {
            Succeeds("certs", "create-node", "--ca-dir", Path.Combine(_folder, ca), "--host", "localhost", "--host", "127.0.0.1", "--name", node, "--out", Path.Combine(_folder, node));
            return ["--tls-certificate", Path.Combine(_folder, node, "node.pfx"), "--tls-ca", Path.Combine(Ca, "ca.crt")];
        }
        var spec = Files.Write(_folder, "quick.yaml", SpecFiles.Noop(name: "cluster", trials: 20, sleepMs: 20));

        using var coordinator = SweepsProcess.Start(_folder, ["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db, .. Tls("coordinator")]);
        using var member = SweepsProcess.Start(_folder, ["worker", "--seed", seed, "--slots", "2", "--name", "member", .. Tls("member")]);
        using var intruder = SweepsProcess.Start(_folder, ["worker", "--seed", seed, "--slots", "2", "--name", "intruder", .. Tls("intruder", ca: "stranger-ca")]);
        member.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
        Succeeds("certs", "create-client", "--ca-dir", Ca, "--name", "alice", "--out", Path.Combine(_folder, "alice"));
        coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
        var (code, output, errors) = SweepsProcess.Run(_folder, ["submit", spec, "--server", $"https://127.0.0.1:{http}", "--wait",
            "--tls-certificate", Path.Combine(_folder, "alice", "client.pfx"), "--tls-ca", Path.Combine(Ca, "ca.crt")]);
        Assert.True(code == 0, output + errors + coordinator.Errors);

        Assert.Equal(20, Files.Count(db, "SELECT COUNT(*) FROM trials WHERE sweep = 'cluster' AND status = 'completed' AND worker = 'member'"));
        coordinator.WaitForLog("is not signed by this cluster's CA", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("welcomed", intruder.Errors + intruder.Output);
    }

    private void Succeeds(params string[] args)
    {
        var (code, output, errors) = SweepsProcess.Run(_folder, args);
        Assert.True(code == 0, $"sweeps {string.Join(' ', args)} exited {code}: {output}{errors}");
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
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value ?? "").ToArray();

    private static UnixFileMode Mode(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("file modes are checked on Unix only");
        return File.GetUnixFileMode(path);
    }
}
