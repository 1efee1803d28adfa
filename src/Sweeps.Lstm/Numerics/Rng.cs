namespace Sweeps.Lstm.Numerics;

/// <summary>xoshiro256** seeded by SplitMix64: the same numbers from the same seed on every machine and .NET version.</summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>An independent generator for a named purpose, so that adding draws in one place does not shift another.</summary>
    public static Rng For(ulong seed, ulong stream) => new(seed ^ (0x9E3779B97F4A7C15UL * (stream + 1)));

    public ulong NextULong()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform in [0, count).</summary>
    public int NextInt(int count) => (int)((NextULong() >> 33) * (ulong)count >> 31);

    public bool NextBool() => (NextULong() >> 63) != 0;

    /// <summary>Standard normal, by the polar Box-Muller method.</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>An index drawn with the given probabilities (which sum to 1).</summary>
    public int Choose(ReadOnlySpan<double> probabilities)
    {
        var u = NextDouble();
        for (var i = 0; i < probabilities.Length - 1; i++)
        {
            u -= probabilities[i];
            if (u < 0) return i;
        }
        return probabilities.Length - 1;
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Writes the generator's whole state (and a spare normal draw), so that <see cref="Restore"/> continues its sequence exactly.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_s0);
        writer.Write(_s1);
        writer.Write(_s2);
        writer.Write(_s3);
        writer.Write(_spareNormal.HasValue);
        writer.Write(_spareNormal ?? 0);
    }

    /// <summary>Takes back a state written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The state is all zeros, which xoshiro never reaches.</exception>
    public void Restore(BinaryReader reader)
    {
        ulong s0 = reader.ReadUInt64(), s1 = reader.ReadUInt64(), s2 = reader.ReadUInt64(), s3 = reader.ReadUInt64();
        if ((s0 | s1 | s2 | s3) == 0) throw new InvalidDataException("a random-number state of all zeros");
        var hasSpare = reader.ReadBoolean();
        var spare = reader.ReadDouble();
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        _spareNormal = hasSpare ? spare : null;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
