using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

/// <summary>
/// <c>sweeps token create</c>: asks the cluster (with a client certificate) for a bearer token, for tools that cannot hold
/// a certificate, and prints it; the cluster keeps only its hash, so it is shown this once.
/// </summary>
public sealed class TokenCreateCommand : ClientCommand<ClientSettings>
{
    protected override async Task<int> RunAsync(ClientSettings settings, SweepsClient client, CancellationToken interruption)
    {
        var issued = await client.IssueTokenAsync(interruption);
        Console.Out.WriteLine(issued.Token);
        Console.Error.WriteLine($"Token issued to {issued.IssuedTo}; it is shown only now. Use it with --token or SWEEPS_TOKEN.");
        return 0;
    }
}
