using Serilog;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Core.Spec;
using Sweeps.Store;
using Sweeps.Store.Query;

namespace Sweeps.Cli.Commands;

/// <summary>
/// What all commands share: logging set up from the options, and errors a person can act on, each with its exit
/// code, the same for every command (README, "Exit codes"): 0 done; 1 finished with failed trials, or gave up
/// waiting for an answer; 2 bad spec, option or argument; 3 the store cannot be used; 4 refused by the cluster;
/// 130 interrupted.
/// </summary>
public abstract class SweepsCommand<TSettings> : AsyncCommand<TSettings> where TSettings : CommonSettings
{
    public const int BadInput = 2;
    public const int StoreUnavailable = 3;
    public const int Incompatible = 4;
    public const int Failed = 1;
    public const int Interrupted = 130;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellation)
    {
        Logging.Configure(settings.LogFormat, settings.LogLevel);
        try
        {
            return await RunAsync(settings, Program.Interruption);
        }
        catch (SpecException e)
        {
            Console.Error.WriteLine($"error: the spec cannot run ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}); nothing was started:");
            foreach (var error in e.Errors) Console.Error.WriteLine($"  {error}");
            return BadInput;
        }
        catch (QueryException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return StoreUnavailable;
        }
        catch (Exception e) when (e is TimeoutException or Akka.Actor.AskTimeoutException or TaskCanceledException)
        {
            Log.Error(e, "Gave up waiting");
            Console.Error.WriteLine($"error: no answer in time ({e.Message}); is the coordinator running and the store reachable?");
            return Failed;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken interruption);

    protected static IAnsiConsole Out { get; } = AnsiConsole.Console;
}

/// <summary>The command line asks for something that cannot be done; the message says what would work.</summary>
public sealed class UsageException(string message) : Exception(message);
