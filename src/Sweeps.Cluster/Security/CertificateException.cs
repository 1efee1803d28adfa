namespace Sweeps.Cluster.Security;

/// <summary>A certificate cannot be made or loaded as asked; the message says what is wrong and what would work.</summary>
public sealed class CertificateException(string message) : Exception(message);
