namespace Sweeps.Geometry.GridOccupancy;

/// <summary>
/// Counts points per occupied cell, cells keyed by their two 64-bit hashes: open addressing with linear probing,
/// sized once for the number of points (load at most 2/3), so nothing is allocated while points stream in.
/// </summary>
public sealed class CellTable
{
    private readonly ulong[] _first;
    private readonly ulong[] _second;
    private readonly int[] _counts;   // 0 marks an empty slot
    private readonly int _mask;
    private readonly int _shift;

    public CellTable(long capacityInPoints)
    {
        var slots = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)(capacityInPoints + capacityInPoints / 2 + 1)));
        _first = new ulong[slots];
        _second = new ulong[slots];
        _counts = new int[slots];
        _mask = slots - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)slots);
    }

    public long OccupiedCells { get; private set; }

    /// <summary>Cells holding exactly one point.</summary>
    public long LoneCells { get; private set; }

    public void Add(ulong first, ulong second)
    {
        var slot = (int)(((first ^ (second >> 1)) * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            if (_counts[slot] == 0)
            {
                _first[slot] = first;
                _second[slot] = second;
                _counts[slot] = 1;
                OccupiedCells++;
                LoneCells++;
                return;
            }
            if (_first[slot] == first && _second[slot] == second)
            {
                if (++_counts[slot] == 2) LoneCells--;
                return;
            }
            slot = (slot + 1) & _mask;
        }
    }
}
