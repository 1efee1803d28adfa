using System.Net;

namespace Sweeps.Server.Dashboard;

/// <summary>Where <c>sweeps dashboard</c> listens, and whether it may do so beyond this machine over plain HTTP.</summary>
public sealed record DashboardOptions
{
    public string Address { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8080;

    /// <summary>Set: a non-loopback address is allowed, over plain HTTP with no login (warned in the log).</summary>
    public bool Insecure { get; init; }

    /// <summary>The address to listen on, or why not: a bad address, or one beyond loopback without <see cref="Insecure"/>.</summary>
    public IPAddress Listen()
    {
        var address = Address == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(Address, out var parsed) ? parsed
            : throw new DashboardRefused($"--bind: '{Address}' is not an IP address; give one such as 127.0.0.1 (the default), or 0.0.0.0 for every interface");
        if (Port is < 0 or > 65535) throw new DashboardRefused($"--port: {Port} is not a port; give one from 1 to 65535 (0 picks a free one)");
        if (!IPAddress.IsLoopback(address) && !Insecure)
            throw new DashboardRefused($"--bind {Address}: the dashboard would be open to the network over plain HTTP with no login. " +
                "Add --insecure to accept that, or keep it on 127.0.0.1 (an SSH tunnel reaches it), or open /dashboard on a coordinator's " +
                "HTTP API, which has TLS and tokens (sweeps coordinator --http-port with --tls-certificate and --tls-ca)");
        return address;
    }
}

/// <summary>A dashboard that will not start, said in the user's words.</summary>
public sealed class DashboardRefused(string message) : Exception(message);
