using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Mutual TLS between nodes: each node presents its certificate (a PKCS#12 file with its key) and accepts a peer only
/// if the peer's certificate is signed by the cluster's own CA. A node without such a certificate cannot join.
/// </summary>
public sealed record TlsOptions(string CertificatePath, string? Password, string CaPath)
{
    /// <summary>Akka.Remote's typed TLS settings: this node's certificate, mutual authentication, the cluster's CA as the only trust.</summary>
    public SslOptions ToSslOptions()
    {
        if (!File.Exists(CertificatePath)) throw new ArgumentException($"--tls-certificate: {CertificatePath} does not exist");
        if (!File.Exists(CaPath)) throw new ArgumentException($"--tls-ca: {CaPath} does not exist");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);
        if (!certificate.HasPrivateKey) throw new ArgumentException($"--tls-certificate: {CertificatePath} holds no private key; give a .pfx/.p12 with the node's key");
        var ca = ClusterAuthority.Load(CaPath);
        return new SslOptions
        {
            X509Certificate = certificate,
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            // peers are nodes found by address, not by name: trust is the CA's signature, not the host name
            ValidateCertificateHostname = false,
            CustomValidator = (peer, _, remote, _, log) => Accepts(ca, peer, remote, log),
        };
    }

    private static bool Accepts(ClusterAuthority ca, X509Certificate2? peer, string remote, ILoggingAdapter log)
    {
        if (peer is null)
        {
            log.Warning("Refused a connection from {0}: it presented no certificate", remote);
            return false;
        }
        if (ca.Signed(peer)) return true;
        log.Warning("Refused a connection from {0}: its certificate ({1}) is not signed by this cluster's CA ({2})", remote, peer.Subject, ca.Certificate.Subject);
        return false;
    }
}
