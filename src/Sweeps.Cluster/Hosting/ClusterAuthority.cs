using System.Security.Cryptography.X509Certificates;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// The cluster's own CA: a certificate is trusted when it chains to this CA alone (custom root trust, the machine's
/// store is not consulted). Nodes use it for each other, the HTTP API for its clients, clients for the API.
/// </summary>
public sealed class ClusterAuthority(X509Certificate2 ca)
{
    public X509Certificate2 Certificate { get; } = ca;

    /// <summary>Reads the CA certificate from a PEM or DER file.</summary>
    public static ClusterAuthority Load(string path)
    {
        var text = File.ReadAllText(path);
        return new ClusterAuthority(text.Contains("-----BEGIN CERTIFICATE-----")
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(path));
    }

    /// <summary>True when <paramref name="certificate"/> is signed by this CA (and is in its validity period).</summary>
    public bool Signed(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
