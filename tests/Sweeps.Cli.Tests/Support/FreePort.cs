using System.Net;
using System.Net.Sockets;

namespace Sweeps.Cli.Tests.Support;

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free port whose next port is free too (for a node and its standby, numbered one after the other).</summary>
    public static int Pair()
    {
        while (true)
        {
            var port = Next();
            if (port >= ushort.MaxValue) continue;
            try
            {
                using var next = new TcpListener(IPAddress.Loopback, port + 1);
                next.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
