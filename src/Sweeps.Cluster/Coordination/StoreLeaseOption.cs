using System.Text.Encodings.Web;
using System.Text.Json;
using Akka.Actor.Setup;
using Akka.Hosting;
using Akka.Hosting.Coordination;
using Sweeps.Store;

namespace Sweeps.Cluster.Coordination;

/// <summary>
/// The typed option that puts a <see cref="StoreLease"/> on <paramref name="Store"/> where Akka looks for a lease
/// (<c>ClusterSingletonOptions.LeaseImplementation</c>). Renewed every second and free 6 s after its holder's last
/// renewal: a killed coordinator's lease is free well before the split-brain resolver has downed its node.
/// </summary>
public sealed class StoreLeaseOption(StoreLocation store) : LeaseOptionBase
{
    private static readonly JsonSerializerOptions Hocon = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public StoreLocation Store { get; } = store;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the lease stays held after the last renewal, by the store's clock.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(6);

    public override string ConfigPath => StoreLease.ConfigPath;

    public override Type Class => typeof(StoreLease);

    public override void Apply(AkkaConfigurationBuilder builder, Setup? setup = null) =>
        builder.AddHocon(ToHocon(), HoconAddMode.Prepend);

    public string ToHocon() => $$"""
        {{ConfigPath}} {
          lease-class = {{Quote(Class.AssemblyQualifiedName!)}}
          heartbeat-interval = {{(long)HeartbeatInterval.TotalMilliseconds}}ms
          heartbeat-timeout = {{(long)HeartbeatTimeout.TotalMilliseconds}}ms
          lease-operation-timeout = 5s
          provider = {{Quote(Store.Provider.ToString())}}
          connection-string = {{Quote(Store.ConnectionString)}}
          display = {{Quote(Store.Display)}}
        }
        """;

    // HOCON's quoted strings are JSON strings: a connection string with quotes or backslashes stays one value.
    private static string Quote(string text) => JsonSerializer.Serialize(text, Hocon);
}
