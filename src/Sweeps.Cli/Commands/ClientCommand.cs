using Sweeps.Server.Client;

namespace Sweeps.Cli.Commands;

/// <summary>
/// A command that asks a cluster over its HTTP API: what the API refuses (unknown sweep, refused spec, unauthorised) is
/// exit 4 with the server's sentence; no server answering is exit 1.
/// </summary>
public abstract class ClientCommand<TSettings> : SweepsCommand<TSettings> where TSettings : ClientSettings
{
    protected sealed override async Task<int> RunAsync(TSettings settings, CancellationToken interruption)
    {
        using var client = settings.Connect();
        try
        {
            return await RunAsync(settings, client, interruption);
        }
        catch (SweepsApiException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            foreach (var problem in e.Problems) Console.Error.WriteLine($"  {problem}");
            return e.Unreachable ? Failed : Incompatible;
        }
        catch (OperationCanceledException) when (interruption.IsCancellationRequested)
        {
            return Interrupted;
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, SweepsClient client, CancellationToken interruption);
}
