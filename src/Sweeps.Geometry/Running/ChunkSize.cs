namespace Sweeps.Geometry.Running;

/// <summary>How many items of a given width to handle per chunk: enough to amortise a call, few enough to stay in cache.</summary>
public static class ChunkSize
{
    /// <summary>About 4096 doubles (32 KiB) per chunk, at least one item, at most <paramref name="remaining"/>.</summary>
    public static int For(long width, long remaining, int targetDoubles = 4096)
    {
        var items = Math.Max(1, targetDoubles / width);
        return (int)Math.Min(items, remaining);
    }
}
