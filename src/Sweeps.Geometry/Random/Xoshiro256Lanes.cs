using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Sweeps.Core.Trials;

namespace Sweeps.Geometry.Random;

/// <summary>
/// 32 interleaved xoshiro256+ generators (Blackman and Vigna), stepped four Vector512s at a time.
/// Output word <c>32 k + j</c> is the k-th output of lane j, whichever code path ran: the Vector512 path
/// and the scalar fallback produce the same bits, so results depend on the seed only.
/// </summary>
/// <remarks>
/// Four independent groups of eight lanes hide the latency of the state update's dependency chain.
/// xoshiro256+ is the variant meant for floating point: its weak low bits are shifted away by every map.
/// </remarks>
public sealed class Xoshiro256Lanes
{
    public const int Lanes = 32;

    // State word w of lane j lives at _state[w * Lanes + j].
    private readonly ulong[] _state = new ulong[4 * Lanes];

    public Xoshiro256Lanes(ulong seed)
    {
        // SplitMix64 expansion, as the xoshiro authors recommend; never all-zero in practice.
        var x = seed;
        for (var i = 0; i < _state.Length; i++)
        {
            x += 0x9E3779B97F4A7C15UL;
            _state[i] = TrialSeed.SplitMix64(x);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with doubles made by <typeparamref name="TMap"/> from 32 words at a time.</summary>
    /// <remarks>A length that is not a multiple of 32 discards the rest of the last step.</remarks>
    public void Fill<TMap>(Span<double> destination) where TMap : struct, ILaneMap
    {
        if (Vector512.IsHardwareAccelerated) FillVector<TMap>(destination);
        else FillScalar<TMap>(destination);
    }

    /// <summary>Raw 64-bit words, for integer uses (bin indices, labels).</summary>
    public void FillBits(Span<ulong> destination) => Fill<RawBits>(System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, double>(destination));

    public void FillUnit(Span<double> destination) => Fill<UnitInterval>(destination);

    public void FillSigned(Span<double> destination) => Fill<SignedInterval>(destination);

    public void FillCentered(Span<double> destination) => Fill<CenteredInterval>(destination);

    public void FillGaussian(Span<double> destination) => Fill<BoxMuller>(destination);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void FillVector<TMap>(Span<double> destination) where TMap : struct, ILaneMap
    {
        ref var s = ref _state[0];
        var a0 = Vector512.LoadUnsafe(ref s, 0); var b0 = Vector512.LoadUnsafe(ref s, 8); var c0 = Vector512.LoadUnsafe(ref s, 16); var d0 = Vector512.LoadUnsafe(ref s, 24);
        var a1 = Vector512.LoadUnsafe(ref s, 32); var b1 = Vector512.LoadUnsafe(ref s, 40); var c1 = Vector512.LoadUnsafe(ref s, 48); var d1 = Vector512.LoadUnsafe(ref s, 56);
        var a2 = Vector512.LoadUnsafe(ref s, 64); var b2 = Vector512.LoadUnsafe(ref s, 72); var c2 = Vector512.LoadUnsafe(ref s, 80); var d2 = Vector512.LoadUnsafe(ref s, 88);
        var a3 = Vector512.LoadUnsafe(ref s, 96); var b3 = Vector512.LoadUnsafe(ref s, 104); var c3 = Vector512.LoadUnsafe(ref s, 112); var d3 = Vector512.LoadUnsafe(ref s, 120);

        var full = destination.Length & ~(Lanes - 1);
        ref var dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
        Span<double> tail = stackalloc double[Lanes];
        for (var i = 0; i < destination.Length; i += Lanes)
        {
            var ra = Step(ref a0, ref a1, ref a2, ref a3);
            var rb = Step(ref b0, ref b1, ref b2, ref b3);
            var rc = Step(ref c0, ref c1, ref c2, ref c3);
            var rd = Step(ref d0, ref d1, ref d2, ref d3);
            if (i < full) TMap.Map(ra, rb, rc, rd, ref Unsafe.Add(ref dst, i));
            else
            {
                TMap.Map(ra, rb, rc, rd, ref tail[0]);
                tail[..(destination.Length - i)].CopyTo(destination[i..]);
            }
        }

        a0.StoreUnsafe(ref s, 0); b0.StoreUnsafe(ref s, 8); c0.StoreUnsafe(ref s, 16); d0.StoreUnsafe(ref s, 24);
        a1.StoreUnsafe(ref s, 32); b1.StoreUnsafe(ref s, 40); c1.StoreUnsafe(ref s, 48); d1.StoreUnsafe(ref s, 56);
        a2.StoreUnsafe(ref s, 64); b2.StoreUnsafe(ref s, 72); c2.StoreUnsafe(ref s, 80); d2.StoreUnsafe(ref s, 88);
        a3.StoreUnsafe(ref s, 96); b3.StoreUnsafe(ref s, 104); c3.StoreUnsafe(ref s, 112); d3.StoreUnsafe(ref s, 120);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps and hands each to <paramref name="consumer"/>: the same words, in the same order,
    /// as <see cref="Fill{TMap}"/> of 32 x steps values would produce. Correct everywhere, fast where Vector512 is accelerated.
    /// The consumer travels by value and comes back: as a local of this loop its fields can live in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TConsumer Consume<TConsumer>(int steps, TConsumer consumer) where TConsumer : struct, ILaneConsumer
    {
        ref var s = ref _state[0];
        var a0 = Vector512.LoadUnsafe(ref s, 0); var b0 = Vector512.LoadUnsafe(ref s, 8); var c0 = Vector512.LoadUnsafe(ref s, 16); var d0 = Vector512.LoadUnsafe(ref s, 24);
        var a1 = Vector512.LoadUnsafe(ref s, 32); var b1 = Vector512.LoadUnsafe(ref s, 40); var c1 = Vector512.LoadUnsafe(ref s, 48); var d1 = Vector512.LoadUnsafe(ref s, 56);
        var a2 = Vector512.LoadUnsafe(ref s, 64); var b2 = Vector512.LoadUnsafe(ref s, 72); var c2 = Vector512.LoadUnsafe(ref s, 80); var d2 = Vector512.LoadUnsafe(ref s, 88);
        var a3 = Vector512.LoadUnsafe(ref s, 96); var b3 = Vector512.LoadUnsafe(ref s, 104); var c3 = Vector512.LoadUnsafe(ref s, 112); var d3 = Vector512.LoadUnsafe(ref s, 120);

        for (var i = 0; i < steps; i++)
        {
            var ra = Step(ref a0, ref a1, ref a2, ref a3);
            var rb = Step(ref b0, ref b1, ref b2, ref b3);
            var rc = Step(ref c0, ref c1, ref c2, ref c3);
            var rd = Step(ref d0, ref d1, ref d2, ref d3);
            consumer.Take(ra, rb, rc, rd);
        }

        a0.StoreUnsafe(ref s, 0); b0.StoreUnsafe(ref s, 8); c0.StoreUnsafe(ref s, 16); d0.StoreUnsafe(ref s, 24);
        a1.StoreUnsafe(ref s, 32); b1.StoreUnsafe(ref s, 40); c1.StoreUnsafe(ref s, 48); d1.StoreUnsafe(ref s, 56);
        a2.StoreUnsafe(ref s, 64); b2.StoreUnsafe(ref s, 72); c2.StoreUnsafe(ref s, 80); d2.StoreUnsafe(ref s, 88);
        a3.StoreUnsafe(ref s, 96); b3.StoreUnsafe(ref s, 104); c3.StoreUnsafe(ref s, 112); d3.StoreUnsafe(ref s, 120);
        return consumer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Step(ref Vector512<ulong> s0, ref Vector512<ulong> s1, ref Vector512<ulong> s2, ref Vector512<ulong> s3)
    {
        var result = s0 + s3;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Avx512F.IsSupported ? Avx512F.RotateLeft(s3, 45) : (s3 << 45) | (s3 >>> 19);
        return result;
    }

    internal void FillScalar<TMap>(Span<double> destination) where TMap : struct, ILaneMap
    {
        Span<ulong> words = stackalloc ulong[Lanes];
        Span<double> block = stackalloc double[Lanes];
        var s = _state.AsSpan();
        for (var i = 0; i < destination.Length; i += Lanes)
        {
            for (var j = 0; j < Lanes; j++)
            {
                ulong s0 = s[j], s1 = s[Lanes + j], s2 = s[2 * Lanes + j], s3 = s[3 * Lanes + j];
                words[j] = s0 + s3;
                var t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
                s3 = ulong.RotateLeft(s3, 45);
                s[j] = s0; s[Lanes + j] = s1; s[2 * Lanes + j] = s2; s[3 * Lanes + j] = s3;
            }
            TMap.MapScalar(words, block);
            var n = Math.Min(Lanes, destination.Length - i);
            block[..n].CopyTo(destination[i..]);
        }
    }
}
