using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Mutual TLS between nodes: each node presents its certificate (a PKCS#12 file with its key) and accepts a peer only
/// if the peer's certificate is signed by the cluster's own CA. A node without such a certificate cannot join.
/// </summary>
public sealed record TlsOptions(string CertificatePath, string? Password, string CaPath)
{
    public DotNettySslSetup Setup()
    {
        if (!File.Exists(CertificatePath)) throw new ArgumentException($"--tls-certificate: {CertificatePath} does not exist");
        if (!File.Exists(CaPath)) throw new ArgumentException($"--tls-ca: {CaPath} does not exist");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, Password);
        if (!certificate.HasPrivateKey) throw new ArgumentException($"--tls-certificate: {CertificatePath} holds no private key; give a .pfx/.p12 with the node's key");
        var ca = ClusterAuthority.Load(CaPath);
        return new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true, customValidator: (peer, _, remote, _, log) =>
        {
            if (peer is null)
            {
                log.Warning("Refused a connection from {0}: it presented no certificate", remote);
                return false;
            }
            if (ca.Signed(peer)) return true;
            log.Warning("Refused a connection from {0}: its certificate ({1}) is not signed by this cluster's CA ({2})", remote, peer.Subject, ca.Certificate.Subject);
            return false;
        });
    }
}
