namespace Sweeps.Server;

/// <summary>Who may call an endpoint when the API runs with TLS (endpoint metadata; the default is <see cref="CertificateOrToken"/>).</summary>
public sealed class ApiAccess
{
    private ApiAccess(string name) => Name = name;

    public string Name { get; }

    /// <summary>Health checks: anyone who reaches the port.</summary>
    public static ApiAccess Anyone { get; } = new("anyone");

    /// <summary>A client certificate signed by the cluster's CA, or a bearer token the cluster issued.</summary>
    public static ApiAccess CertificateOrToken { get; } = new("certificate or token");

    /// <summary>Only a client certificate (issuing tokens: a token must not breed tokens).</summary>
    public static ApiAccess Certificate { get; } = new("certificate");
}
