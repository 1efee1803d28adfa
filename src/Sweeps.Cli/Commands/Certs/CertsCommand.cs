using Sweeps.Cluster.Security;

namespace Sweeps.Cli.Commands.Certs;

/// <summary>What the <c>sweeps certs</c> commands share: a certificate that cannot be made is bad input (exit 2), and the files written are listed.</summary>
public abstract class CertsCommand<TSettings> : SweepsCommand<TSettings> where TSettings : CertsSettings
{
    protected override Task<int> RunAsync(TSettings settings, CancellationToken interruption)
    {
        IReadOnlyList<string> written;
        try
        {
            written = Make(settings, DateTimeOffset.UtcNow);
        }
        catch (CertificateException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write or read the certificate files: {e.Message}");
        }
        foreach (var path in written) Console.WriteLine($"wrote {path}");
        return Task.FromResult(0);
    }

    /// <summary>Makes the certificate and writes its files; returns their paths.</summary>
    protected abstract IReadOnlyList<string> Make(TSettings settings, DateTimeOffset now);
}
