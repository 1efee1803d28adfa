using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Projection;
using Sweeps.Cluster.Workers;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// What a node does when it stops (Ctrl-C, SIGTERM, the host stopping, the cluster downing it), as CoordinatedShutdown
/// tasks: a worker first cancels its running trials and hands them back, then an embedded coordinator waits until the
/// results store holds everything the journal holds. Nothing is left half-done, whoever asked the node to stop.
/// </summary>
public static class ShutdownTasks
{
    private static readonly TimeSpan HandBack = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    /// <summary>CoordinatedShutdown gives each phase 5 s by default; handing back and settling may need longer.</summary>
    public static AkkaConfigurationBuilder WithSweepsShutdown(this AkkaConfigurationBuilder builder) => builder.AddHocon($$"""
        akka.coordinated-shutdown.phases {
          before-service-unbind.timeout = {{(int)HandBack.TotalSeconds + 5}}s
          service-requests-done.timeout = {{(int)Settle.TotalSeconds + 5}}s
        }
        """, HoconAddMode.Prepend);

    public static void HandBackTrialsBeforeStopping(ActorSystem system, IActorRef worker) =>
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "sweeps-hand-back-trials", async () =>
        {
            // A node the cluster downed, or that lost its coordinator, cannot reach it: its trials already run elsewhere.
            var patience = CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClrExitReason ? HandBack : TimeSpan.FromSeconds(2);
            try
            {
                // a worker the coordinator refused has stopped already and holds nothing
                using var done = new CancellationTokenSource(patience);
                await Task.WhenAny(worker.Ask<WorkerStopped>(StopWorking.Instance, patience), worker.WatchAsync(done.Token));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                system.Log.Warning("Not every running trial was handed back in {0}; their leases expire and they run again", patience);
            }
            return Done.Instance;
        });

    public static void SettleStoreBeforeStopping(ActorSystem system, IActorRef coordinator) =>
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "sweeps-settle-store", async () =>
        {
            var deadline = DateTime.UtcNow + Settle;
            try
            {
                var journal = (await coordinator.Ask<ProgressReport>(GetProgress.Instance, Settle)).JournalPosition;
                while (DateTime.UtcNow < deadline)
                {
                    var stored = await coordinator.Ask<ProjectionPosition>(GetPosition.Instance, Settle);
                    if (stored.SequenceNr >= journal) return Done.Instance;
                    await Task.Delay(50);
                }
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                // fall through to the warning
            }
            system.Log.Warning("The results store did not catch up with the journal in {0}; the next start writes the rest", Settle);
            return Done.Instance;
        });
}
