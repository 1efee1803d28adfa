using System.Runtime.Intrinsics;

namespace Sweeps.Geometry.Random;

/// <summary>
/// Takes the generator's output one step (four Vector512s of words) at a time, straight from registers:
/// a fused kernel draws and accumulates without writing coordinates to memory.
/// </summary>
public interface ILaneConsumer
{
    void Take(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d);
}
