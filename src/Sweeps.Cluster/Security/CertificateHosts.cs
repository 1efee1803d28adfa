using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Sweeps.Cluster.Security;

/// <summary>
/// The names and addresses a node is reached by, checked and turned into a certificate's subject alternative names
/// (what an HTTPS client compares with the host it dialled).
/// </summary>
public static partial class CertificateHosts
{
    public static X509Extension ToSubjectAlternativeNames(IReadOnlyCollection<string> hosts)
    {
        if (hosts.Count == 0)
            throw new CertificateException("--host: give each name or address the node is reached by, e.g. --host node1.example.com --host 10.0.0.5 --host localhost");
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts.Select(h => h.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (ParseAddress(host) is { } address) builder.AddIpAddress(address);
            else builder.AddDnsName(CheckDnsName(host));
        }
        return builder.Build();
    }

    private static IPAddress? ParseAddress(string host)
    {
        var text = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var isV4 = DottedQuad().IsMatch(text);
        if (!isV4 && !text.Contains(':')) return null;
        if (!IPAddress.TryParse(text, out var address) || (isV4 && address.AddressFamily != AddressFamily.InterNetwork))
            throw new CertificateException($"--host '{host}': not an IP address (give four numbers 0-255, e.g. 10.0.0.5, or an IPv6 address such as ::1)");
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            throw new CertificateException($"--host '{host}': a node listens on it but is never reached by it; give the address or name peers dial (its advertised address)");
        return address;
    }

    private static string CheckDnsName(string host)
    {
        var labels = host.Split('.');
        var valid = host.Length is > 0 and <= 253
            && labels.Select((label, i) => (label, i)).All(l => DnsLabel().IsMatch(l.label) || (l.i == 0 && l.label == "*" && labels.Length > 2))
            && !labels[^1].All(char.IsAsciiDigit);
        if (!valid)
            throw new CertificateException($"--host '{host}': not a DNS name or an IP address (dot-separated labels of letters, digits and '-', e.g. node1.example.com, or an address such as 10.0.0.5)");
        return host;
    }

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();
}
