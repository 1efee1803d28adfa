using System.Diagnostics;

using Xunit;

namespace Sweeps.TestSupport;

/// <summary>
/// A network namespace of the test's own, joined to this host by a veth pair (host side .1, namespace side .2 of a
/// private /24), whose link the test can take down and up: a real network partition on one machine. Needs root.
/// </summary>
public sealed class TestNetwork : IDisposable
{
    private TestNetwork(string name, string hostLink, int subnet)
    {
        Namespace = name;
        HostLink = hostLink;
        HostAddress = $"10.231.{subnet}.1";
        InsideAddress = $"10.231.{subnet}.2";
    }

    public string Namespace { get; }
    public string HostLink { get; }
    public string HostAddress { get; }
    public string InsideAddress { get; }

    public static bool CanCreate => Environment.UserName == "root" && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip"));

    public static TestNetwork Create()
    {
        var id = Random.Shared.Next(1, 250);
        var name = $"sweeps-{id}";
        var network = new TestNetwork(name, $"swh{id}", id);
        Ip($"netns add {name}");
        Ip($"link add swh{id} type veth peer name swn{id}");
        Ip($"link set swn{id} netns {name}");
        Ip($"addr add {network.HostAddress}/24 dev swh{id}");
        Ip($"link set swh{id} up");
        Ip($"netns exec {name} ip addr add {network.InsideAddress}/24 dev swn{id}");
        Ip($"netns exec {name} ip link set swn{id} up");
        Ip($"netns exec {name} ip link set lo up");
        return network;
    }

    /// <summary>Cuts the link: nothing passes between the namespace and the host until <see cref="Heal"/>.</summary>
    public void Partition() => Ip($"link set {HostLink} down");

    public void Heal() => Ip($"link set {HostLink} up");

    public void Dispose()
    {
        try { Ip($"link del {HostLink}"); } catch (InvalidOperationException) { }
        try { Ip($"netns del {Namespace}"); } catch (InvalidOperationException) { }
    }

    private static void Ip(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments.Split(' ')) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ip {arguments}: {errors}");
    }
}

/// <summary>A test that needs root (network namespaces) and PostgreSQL's server binaries: CI has both; elsewhere it says why it did not run.</summary>
public sealed class NeedsRootAndPostgresFactAttribute : FactAttribute
{
    public NeedsRootAndPostgresFactAttribute()
    {
        if (!TestNetwork.CanCreate) Skip = "needs root for network namespaces (CI runs as root)";
        else if (PrivatePostgres.Binaries is null) Skip = "needs PostgreSQL's server binaries (.ci/run installs them)";
    }
}
