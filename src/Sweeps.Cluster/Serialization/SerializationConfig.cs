using Akka.Configuration;

namespace Sweeps.Cluster.Serialization;

/// <summary>Binds every <see cref="Messages.ISweepsMessage"/> to <see cref="SweepsSerializer"/> under a fixed identifier.</summary>
public static class SerializationConfig
{
    public static Config Hocon { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.sweeps = "{{typeof(SweepsSerializer).AssemblyQualifiedName!.Split(", Version")[0]}}"
          serialization-bindings { "{{typeof(Messages.ISweepsMessage).AssemblyQualifiedName!.Split(", Version")[0]}}" = sweeps }
          serialization-identifiers { "{{typeof(SweepsSerializer).AssemblyQualifiedName!.Split(", Version")[0]}}" = {{SweepsSerializer.SerializerId}} }
        }
        """);
}
