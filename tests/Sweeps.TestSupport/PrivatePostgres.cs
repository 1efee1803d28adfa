using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sweeps.TestSupport;

/// <summary>
/// A PostgreSQL server of a test's own, so that the test can stop and start it (the database going away for a while)
/// without disturbing the server the other tests share. Needs the server binaries (.ci/run installs them).
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _data;
    private readonly int _port;
    private readonly bool _tls;

    private PrivatePostgres(string bin, string data, int port, bool tls)
    {
        _bin = bin;
        _data = data;
        _port = port;
        _tls = tls;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=10";

    public static string? Binaries =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;

    /// <summary>A new server; with <paramref name="tlsFolder"/> (holding node.crt and node.key) it also speaks TLS.</summary>
    public static PrivatePostgres Create(string? tlsFolder = null)
    {
        var bin = Binaries ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql; .ci/run installs them");
        var folder = TestStores.NewFolder();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var data = Path.Combine(folder, "pg");
        var server = new PrivatePostgres(bin, data, FreePort(), tlsFolder is not null);
        Directory.CreateDirectory(data);
        server.Run($"chown postgres {data} 2>/dev/null; true", asPostgres: false);
        // The server reads its key only if the key is its own and private.
        if (tlsFolder is not null)
            server.Run($"cp '{tlsFolder}/node.crt' '{tlsFolder}/node.key' '{data}/' && (chown postgres '{data}/node.crt' '{data}/node.key' 2>/dev/null; chmod 600 '{data}/node.key')", asPostgres: false);
        server.Run($"'{bin}/initdb' -D '{data}/data' -U postgres -A trust --no-sync -E UTF8");
        server.Start();
        return server;
    }

    public void Start() =>
        Run($"'{_bin}/pg_ctl' -D '{_data}/data' -l '{_data}/log' -o \"-p {_port} -k '{_data}' -c listen_addresses=127.0.0.1 -c fsync=off{Tls}\" -w start");

    private string Tls => _tls ? $" -c ssl=on -c ssl_cert_file='{_data}/node.crt' -c ssl_key_file='{_data}/node.key'" : "";

    public void Stop() => Run($"'{_bin}/pg_ctl' -D '{_data}/data' -m immediate -w stop");

    public void Dispose()
    {
        try { Stop(); } catch (InvalidOperationException) { }
    }

    private void Run(string command, bool asPostgres = true)
    {
        var asRoot = Environment.UserName == "root";
        var start = asPostgres && asRoot
            ? new ProcessStartInfo("su", ["postgres", "-s", "/bin/bash", "-c", command])
            : new ProcessStartInfo("bash", ["-c", command]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed: {output.Result}{errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
