using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sweeps.TestSupport;

/// <summary>A throw-away certificate authority and node certificates it signs, written as files a node can load.</summary>
public sealed class TestCertificates(string folder, string name)
{
    private readonly X509Certificate2 _ca = CreateCa(name);

    public const string Password = "test-password";

    /// <summary>The CA certificate as PEM, for --tls-ca.</summary>
    public string CaPath
    {
        get
        {
            var path = Path.Combine(folder, $"{name}-ca.pem");
            if (!File.Exists(path)) File.WriteAllText(path, _ca.ExportCertificatePem());
            return path;
        }
    }

    /// <summary>A node certificate signed by this CA, with its key, as PKCS#12, for --tls-certificate.</summary>
    public string IssueNode(string node)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={node}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var signed = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        var path = Path.Combine(folder, $"{node}.pfx");
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static X509Certificate2 CreateCa(string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name} test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(365));
    }
}
