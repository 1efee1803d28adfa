using System.Net;
using Serilog;
using Sweeps.Cli.Commands;

namespace Sweeps.Cli.Settings;

/// <summary>
/// Secure by default: a node that listens beyond loopback refuses to start without mutual TLS, unless told
/// <c>--insecure</c>, and then says so at every start. Binding every interface needs an address others can reach.
/// </summary>
public static class NodeSecurity
{
    public static void Check(NodeSettings node, int port)
    {
        if ((node.Tls.Certificate is null) != (node.Tls.Ca is null))
            throw new UsageException("--tls-certificate and --tls-ca go together: give this node's certificate and the cluster's CA, or neither");
        if (node.Tls.Certificate is { } certificate && !File.Exists(certificate))
            throw new UsageException($"--tls-certificate: {certificate} does not exist; give this node's certificate and key as a .pfx/.p12 file (sweeps certs create-node makes one)");
        if (node.Tls.Ca is { } ca && !File.Exists(ca))
            throw new UsageException($"--tls-ca: {ca} does not exist; give the cluster's CA certificate (PEM; sweeps certs create-ca makes one)");
        if (IsEveryInterface(node.Host) && node.PublicHost is null)
            throw new UsageException($"--host {node.Host} listens on every interface, so other nodes need an address to reach this one: give --public-host NAME_OR_IP");
        if (IsLoopback(node.Host) || node.Tls.Certificate is not null) return;
        if (!node.Insecure)
            throw new UsageException($"--host {node.Host}: refusing to listen beyond loopback without TLS, since anyone who reaches port {port} could submit, " +
                "pause and cancel sweeps and report results; give --tls-certificate and --tls-ca (sweeps certs create-ca, create-node), " +
                "or --insecure on a network where you trust everyone");
        Log.Warning("INSECURE: listening on {Host}:{Port} without TLS; anyone who reaches it can submit, pause and cancel sweeps and report results", node.Host, port);
    }

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static bool IsEveryInterface(string host) =>
        IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
