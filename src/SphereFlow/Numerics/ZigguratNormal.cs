using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SphereFlow.Numerics;

/// <summary>
/// Standard normal variates by the ziggurat method (Marsaglia &amp; Tsang 2000, 256 layers) on eight xoshiro256** streams run
/// side by side in SIMD lanes: lane l is <see cref="Xoshiro256"/>(seed) advanced by l jumps of 2^128, so each lane is exactly
/// the scalar generator's sequence. One 64-bit word gives a layer (8 bits), a sign (1 bit) and a 52-bit uniform; about 99% of
/// draws are accepted by one multiply and compare, four at a time (AVX2 gathers of the layer table where available, the same
/// arithmetic in scalar code elsewhere, so results do not depend on the instruction set). The rest go through the exact wedge
/// test or Marsaglia's tail algorithm (beyond r = 3.654) with uniforms from a ninth stream (the seed jumped eight times), so
/// the law is exactly N(0, 1) up to the 52-bit resolution of the uniforms.
/// <para>
/// <see cref="Fill"/> draws blocks of 64 words and drops what a call leaves unused, so the state after a call depends only on
/// the lengths asked so far: the nine stream states are the whole checkpoint (<see cref="WriteState"/>).
/// </para>
/// </summary>
public sealed class ZigguratNormal
{
    private const int Lanes = 8, BlockWords = 64, Layers = 256;
    private const double R = 3.6541528853610088, V = 4.92867323399e-3;
    private static readonly double[] X = BuildX();        // pinned: the vector path gathers from it
    private static readonly double[] F = X.Select(x => Math.Exp(-0.5 * x * x)).ToArray();
    private readonly ulong[] _s = new ulong[4 * Lanes];   // s0 of the 8 lanes, then s1, s2, s3
    private readonly ulong[] _block = new ulong[BlockWords];
    private readonly Xoshiro256 _slow;                    // uniforms of the rare wedge and tail tests

    /// <summary>Seeds lane l with <see cref="Xoshiro256"/>(seed) jumped l times.</summary>
    public ZigguratNormal(long seed)
    {
        var g = new Xoshiro256(seed);
        for (int l = 0; l < Lanes; l++)
        {
            var (a, b, c, d) = g.State;
            _s[l] = a; _s[Lanes + l] = b; _s[2 * Lanes + l] = c; _s[3 * Lanes + l] = d;
            g.Jump();
        }
        _slow = g;
    }

    private static double[] BuildX()
    {
        var x = GC.AllocateArray<double>(Layers + 1, pinned: true);
        x[0] = V / Math.Exp(-0.5 * R * R);   // the base layer's width: rectangle plus the tail's area
        x[1] = R;
        for (int i = 2; i < Layers; i++) x[i] = Math.Sqrt(-2 * Math.Log(V / x[i - 1] + Math.Exp(-0.5 * x[i - 1] * x[i - 1])));
        x[Layers] = 0;
        return x;
    }

    /// <summary>Advances the eight lanes by 8 steps and stores their 64 outputs (lane-interleaved) in the block.</summary>
    private void Refill()
    {
        ref ulong s = ref _s[0];
        var s0a = Vector256.LoadUnsafe(ref s, 0); var s0b = Vector256.LoadUnsafe(ref s, 4);
        var s1a = Vector256.LoadUnsafe(ref s, 8); var s1b = Vector256.LoadUnsafe(ref s, 12);
        var s2a = Vector256.LoadUnsafe(ref s, 16); var s2b = Vector256.LoadUnsafe(ref s, 20);
        var s3a = Vector256.LoadUnsafe(ref s, 24); var s3b = Vector256.LoadUnsafe(ref s, 28);
        ref ulong o = ref _block[0];
        for (int step = 0; step < BlockWords / Lanes; step++)
        {
            Output(s1a).StoreUnsafe(ref o, (nuint)(step * Lanes));
            Output(s1b).StoreUnsafe(ref o, (nuint)(step * Lanes + 4));
            Advance(ref s0a, ref s1a, ref s2a, ref s3a);
            Advance(ref s0b, ref s1b, ref s2b, ref s3b);
        }
        s0a.StoreUnsafe(ref s, 0); s0b.StoreUnsafe(ref s, 4);
        s1a.StoreUnsafe(ref s, 8); s1b.StoreUnsafe(ref s, 12);
        s2a.StoreUnsafe(ref s, 16); s2b.StoreUnsafe(ref s, 20);
        s3a.StoreUnsafe(ref s, 24); s3b.StoreUnsafe(ref s, 28);
    }

    /// <summary>xoshiro256** output rotl(s1·5, 7)·9, with the products as shifts and adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Output(Vector256<ulong> s1)
    {
        var t = (s1 << 2) + s1;
        t = (t << 7) | (t >>> 57);
        return (t << 3) + t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >>> 19);
    }

    private const ulong One = 0x3FF0000000000000UL;   // bits of 1.0: (u >> 12) | One is a double uniform in [1, 2)

    /// <summary>The 52-bit uniform in [0, 1) of a word (its top 52 bits), exactly as the vector path computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Uniform(ulong u) => BitConverter.UInt64BitsToDouble((u >> 12) | One) - 1.0;

    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) variates.</summary>
    public unsafe void Fill(Span<double> destination)
    {
        int i = 0, len = destination.Length;
        while (i < len)
        {
            Refill();
            int w = 0;
            if (Avx2.IsSupported)
            {
                fixed (double* px = X)
                fixed (ulong* pb = _block)
                {
                    var mask = Vector256.Create(0xFFUL);
                    var one = Vector256.Create(One);
                    var signBit = Vector256.Create(0x8000000000000000UL);
                    for (; w < BlockWords && i + 4 <= len; w += 4, i += 4)
                    {
                        var u = Vector256.Load(pb + w);
                        var layer = (u & mask).AsInt64();
                        var width = Avx2.GatherVector256(px, layer, 8);
                        var inner = Avx2.GatherVector256(px + 1, layer, 8);
                        var v = ((u >>> 12) | one).AsDouble() - Vector256<double>.One;
                        v *= width;
                        var signed = (v.AsUInt64() ^ ((u << 55) & signBit)).AsDouble();
                        if (Vector256.LessThanAll(v, inner)) { signed.StoreUnsafe(ref destination[i]); continue; }
                        for (int l = 0; l < 4; l++)
                        {
                            ulong ul = pb[w + l];
                            double vl = v.GetElement(l);
                            if (vl >= inner.GetElement(l)) vl = Slow((int)(ul & 0xFF), vl);
                            destination[i + l] = (ul & 0x100) != 0 ? -vl : vl;
                        }
                    }
                }
            }
            for (; w < BlockWords && i < len; w++, i++)
            {
                ulong u = _block[w];
                int layer = (int)(u & 0xFF);
                double v = Uniform(u) * X[layer];
                if (v >= X[layer + 1]) v = Slow(layer, v);
                destination[i] = (u & 0x100) != 0 ? -v : v;
            }
        }
    }

    private double NextUniform() => _slow.NextDouble();

    /// <summary>Rejected by the rectangle test: the tail (layer 0) or the wedge of layer i, retried from a fresh draw on rejection.</summary>
    private double Slow(int layer, double v)
    {
        while (true)
        {
            if (layer == 0)
            {
                double t, y;
                do
                {
                    t = -Math.Log(1.0 - NextUniform()) / R;
                    y = -Math.Log(1.0 - NextUniform());
                } while (y + y < t * t);
                return R + t;
            }
            // Uniform height inside layer i (between f(x_i) and f(x_{i+1})): accept under the density.
            if (F[layer] + NextUniform() * (F[layer + 1] - F[layer]) < Math.Exp(-0.5 * v * v)) return v;
            ulong u = _slow.NextUInt64();
            layer = (int)(u & 0xFF);
            v = Uniform(u) * X[layer];
            if (v < X[layer + 1]) return v;
        }
    }

    /// <summary>Writes the eight lane states and the wedge/tail stream (288 bytes).</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (ulong w in _s) writer.Write(w);
        _slow.WriteState(writer);
    }

    /// <summary>Restores a state written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var s = new ulong[_s.Length];
        for (int i = 0; i < s.Length; i++) s[i] = reader.ReadUInt64();
        for (int l = 0; l < Lanes; l++)
            if ((s[l] | s[Lanes + l] | s[2 * Lanes + l] | s[3 * Lanes + l]) == 0) throw new InvalidDataException("xoshiro256** lane state cannot be all zero");
        _slow.ReadState(reader);
        s.CopyTo(_s, 0);
    }

    /// <summary>Number of 64-bit words in <see cref="SaveState"/>.</summary>
    internal const int StateWords = 4 * Lanes + 4;

    /// <summary>Copies the state (lanes, then the wedge/tail stream) into <paramref name="words"/> without allocating.</summary>
    internal void SaveState(Span<ulong> words)
    {
        _s.CopyTo(words);
        var (a, b, c, d) = _slow.State;
        words[4 * Lanes] = a; words[4 * Lanes + 1] = b; words[4 * Lanes + 2] = c; words[4 * Lanes + 3] = d;
    }

    /// <summary>Writes a state saved by <see cref="SaveState"/> in the format of <see cref="WriteState"/>.</summary>
    internal static void WriteSaved(BinaryWriter writer, ReadOnlySpan<ulong> words)
    {
        foreach (ulong w in words[..StateWords]) writer.Write(w);
    }

    /// <summary>The next 64 raw words, lane-interleaved (word 8s + l is step s of lane l), for tests against the scalar generator.</summary>
    internal ulong[] RawBlock()
    {
        Refill();
        return (ulong[])_block.Clone();
    }
}
