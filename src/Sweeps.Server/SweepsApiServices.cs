using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Cluster.Hosting;
using Sweeps.Core.Jobs;
using Sweeps.Store;

namespace Sweeps.Server;

public static class SweepsApiServices
{
    /// <summary>
    /// Adds what <see cref="SweepsApiEndpoints.MapSweepsApi"/> needs. The coordinator is found, by default, in Akka.Hosting's
    /// ActorRegistry under <see cref="CoordinatorActor"/> (the singleton proxy on a cluster coordinator node).
    /// </summary>
    public static IServiceCollection AddSweepsApi(this IServiceCollection services, SweepsApiOptions options, ResultStore store, JobRegistry jobs,
        Func<IServiceProvider, IActorRef?>? coordinator = null)
    {
        coordinator ??= FromRegistry;
        services.AddSingleton(provider => new SweepsApi(options, new CoordinatorLink(() => coordinator(provider), options.AskTimeout), store, jobs));
        return services;
    }

    private static IActorRef? FromRegistry(IServiceProvider provider) =>
        provider.GetService<ActorRegistry>() is { } registry && registry.TryGet<CoordinatorActor>(out var coordinator) ? coordinator : null;
}
