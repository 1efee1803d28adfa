using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Sweeps.Cluster.Security;

/// <summary>
/// A cluster's own certificate authority: made once (<c>ca.crt</c> and <c>ca.key</c> in a folder), then used to sign
/// node certificates (server and client TLS, names and addresses as subject alternative names) and client certificates
/// (a user name as the subject). Keys are ECDSA P-256; a CA made elsewhere with an RSA or ECDSA key can sign as well.
/// </summary>
public sealed partial class CertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.crt";
    public const string KeyFileName = "ca.key";
    public const int MaxDays = 36500;

    /// <summary>Node and client certificates: long enough to forget about, short enough that macOS still accepts a server certificate.</summary>
    public const int DefaultIssuedDays = 825;

    // A certificate is valid from a little before now, so a peer whose clock runs behind still accepts it.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private readonly X509Certificate2 _certificate;
    private readonly AsymmetricAlgorithm _key;

    private CertificateAuthority(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        _certificate = certificate;
        _key = key;
    }

    /// <summary>The CA's certificate without its key: what every node and client trusts.</summary>
    public X509Certificate2 Certificate => _certificate;

    public static CertificateAuthority Create(string name, int days, DateTimeOffset now)
    {
        CheckDays(days);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(CheckName("--name", name, strict: false)), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var self = request.CreateSelfSigned(now - ClockSkew, now.AddDays(days));
        return new CertificateAuthority(X509CertificateLoader.LoadCertificate(self.RawData), key);
    }

    /// <summary>Reads <c>ca.crt</c> and <c>ca.key</c> from a folder and checks that they belong together and can sign.</summary>
    public static CertificateAuthority Load(string folder, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);
        foreach (var path in new[] { certificatePath, keyPath })
            if (!File.Exists(path))
                throw new CertificateException($"--ca-dir: {path} does not exist; make a CA first with: sweeps certs create-ca --out {folder}");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new CertificateException($"--ca-dir: {certificatePath} is not a PEM certificate ({e.Message.TrimEnd('.')})");
        }
        var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        if (!isCa) throw new CertificateException($"--ca-dir: {certificatePath} ({certificate.Subject}) is not a CA certificate; it cannot sign others");
        if (certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
            throw new CertificateException($"--ca-dir: the CA in {certificatePath} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}; make a new one with sweeps certs create-ca");
        var key = LoadKey(keyPath, certificate);
        try
        {
            // Throws when the key is not the certificate's own.
            using var paired = key switch
            {
                ECDsa ec => certificate.CopyWithPrivateKey(ec),
                RSA rsa => certificate.CopyWithPrivateKey(rsa),
                _ => throw new CertificateException($"--ca-dir: {keyPath} holds a {key.GetType().Name} key; give an ECDSA or RSA key"),
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new CertificateException($"--ca-dir: {keyPath} is not the key of {certificatePath} ({certificate.Subject}); give the pair made together by sweeps certs create-ca");
        }
        return new CertificateAuthority(certificate, key);
    }

    /// <summary>The CA as <c>ca.crt</c> (PEM) and <c>ca.key</c> (PEM, owner-only).</summary>
    public IReadOnlyList<string> Save(string folder, bool force) => CertificateFile.WriteAll(folder, force,
        new CertificateFile(CertificateFileName, Pem(_certificate.ExportCertificatePem()), Secret: false),
        new CertificateFile(KeyFileName, Pem(ExportKeyPem(_key)), Secret: true));

    /// <summary>
    /// A node's certificate, with its key: server and client authentication, reached by each of the hosts. Without
    /// <paramref name="days"/> it is valid for <see cref="DefaultIssuedDays"/> or until the CA expires, whichever is sooner.
    /// </summary>
    public X509Certificate2 IssueNode(string name, IReadOnlyCollection<string> hosts, int? days, DateTimeOffset now) =>
        Issue(CheckName("--name", name, strict: true), days, now, [ServerAuth, ClientAuth], CertificateHosts.ToSubjectAlternativeNames(hosts));

    /// <summary>A client's certificate, with its key: client authentication only, the user's name as the subject.</summary>
    public X509Certificate2 IssueClient(string user, int? days, DateTimeOffset now) =>
        Issue(CheckName("--name", user, strict: true), days, now, [ClientAuth], subjectAlternativeNames: null);

    private X509Certificate2 Issue(string name, int? days, DateTimeOffset now, Oid[] usages, X509Extension? subjectAlternativeNames)
    {
        var caNotAfter = new DateTimeOffset(_certificate.NotAfter.ToUniversalTime());
        if (days is { } asked) CheckDays(asked);
        var notAfter = days is { } d ? now.AddDays(d) : Min(now.AddDays(DefaultIssuedDays), caNotAfter);
        if (notAfter > caNotAfter)
            throw new CertificateException($"--days {days}: the certificate would outlive its CA, which expires on {_certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}; give fewer days");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // A CA made elsewhere may lack a key identifier to point to; the issuer's name still links the chain.
        if (_certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (subjectAlternativeNames is not null) request.CertificateExtensions.Add(subjectAlternativeNames);
        var notBefore = now - ClockSkew < _certificate.NotBefore.ToUniversalTime() ? new DateTimeOffset(_certificate.NotBefore.ToUniversalTime()) : now - ClockSkew;
        using var signed = request.Create(_certificate.SubjectName, SignatureGenerator(), notBefore, notAfter, SerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate's files: <c>BASE.pfx</c> (PKCS#12 with the key), <c>BASE.crt</c> and <c>BASE.key</c> (PEM).</summary>
    public static IReadOnlyList<string> SaveIssued(X509Certificate2 certificate, string folder, string baseName, bool force, string? pfxPassword = null)
    {
        using var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new CertificateException($"{certificate.Subject} has no private key to save");
        return CertificateFile.WriteAll(folder, force,
            new CertificateFile($"{baseName}.pfx", certificate.Export(X509ContentType.Pkcs12, pfxPassword), Secret: true),
            new CertificateFile($"{baseName}.crt", Pem(certificate.ExportCertificatePem()), Secret: false),
            new CertificateFile($"{baseName}.key", Pem(ExportKeyPem(key)), Secret: true));
    }

    public void Dispose()
    {
        _key.Dispose();
        _certificate.Dispose();
    }

    private X509SignatureGenerator SignatureGenerator() => _key switch
    {
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new CertificateException($"the CA's {_key.GetType().Name} key cannot sign; give an ECDSA or RSA key"),
    };

    private static AsymmetricAlgorithm LoadKey(string path, X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = certificate.PublicKey.Oid.Value == RsaOid ? RSA.Create() : ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new CertificateException($"--ca-dir: {path} is not an unencrypted PEM private key matching {CertificateFileName} ({e.Message.TrimEnd('.')})");
        }
    }

    private static string ExportKeyPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    private static byte[] Pem(string text) => System.Text.Encoding.ASCII.GetBytes(text.EndsWith('\n') ? text : text + "\n");

    private static X500DistinguishedName Subject(string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(name);
        return builder.Build();
    }

    /// <summary>A random positive 128-bit serial, as RFC 5280 asks (unique per CA, at most 20 bytes).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void CheckDays(int days)
    {
        if (days is < 1 or > MaxDays) throw new CertificateException($"--days {days}: out of range; give 1 to {MaxDays}");
    }

    private static string CheckName(string option, string name, bool strict)
    {
        var valid = strict ? StrictName().IsMatch(name) : name.Length is > 0 and <= 64 && !name.Any(char.IsControl) && name.Trim() == name;
        if (!valid)
            throw new CertificateException(strict
                ? $"{option} '{name}': give 1 to 64 letters, digits, '.', '_', '@' or '-' (it becomes the certificate's common name)"
                : $"{option} '{name}': give 1 to 64 printable characters without leading or trailing spaces");
        return name;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex StrictName();
}
