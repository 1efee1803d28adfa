using System.Security.Cryptography.X509Certificates;
using Sweeps.Cluster.Security;

namespace Sweeps.TestSupport;

/// <summary>A throw-away certificate authority and node certificates it signs, written as files a node can load.</summary>
public sealed class TestCertificates(string folder, string name)
{
    private readonly CertificateAuthority _ca = CertificateAuthority.Create($"{name} test CA", 365, DateTimeOffset.UtcNow);

    public const string Password = "test-password";

    /// <summary>The CA certificate as PEM, for --tls-ca.</summary>
    public string CaPath
    {
        get
        {
            var path = Path.Combine(folder, $"{name}-ca.pem");
            if (!File.Exists(path)) File.WriteAllText(path, _ca.Certificate.ExportCertificatePem());
            return path;
        }
    }

    /// <summary>A node certificate signed by this CA for localhost and 127.0.0.1, with its key, as PKCS#12, for --tls-certificate.</summary>
    public string IssueNode(string node)
    {
        using var certificate = _ca.IssueNode(node, ["localhost", "127.0.0.1"], 30, DateTimeOffset.UtcNow);
        var path = Path.Combine(folder, $"{node}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
