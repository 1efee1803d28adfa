using Akka.Hosting;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Serialization;

namespace Sweeps.Cluster.Hosting;

public static class SerializationHosting
{
    /// <summary>
    /// Every Sweeps message and event goes through <see cref="SweepsSerializer"/>, and strict serialization refuses
    /// anything else that would fall back to a type-naming serializer: only Sweeps' and Akka's own messages cross the wire.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsSerialization(this AkkaConfigurationBuilder builder) => builder
        .WithCustomSerializer("sweeps", [typeof(ISweepsMessage)], system => new SweepsSerializer(system))
        .WithStrictSerialization(true);
}
