namespace SphereFlow.Numerics;

/// <summary>
/// The xoshiro256** generator (Blackman &amp; Vigna) as a <see cref="Random"/> whose complete state (four 64-bit words)
/// can be read and written, so that stochastic runs resume bit-for-bit from a checkpoint. Seeded through SplitMix64.
/// Every draw is defined here (never by the base class), so sequences are stable across .NET versions.
/// </summary>
public sealed class Xoshiro256 : Random
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the generator: the four state words are the first four outputs of SplitMix64(seed).</summary>
    public Xoshiro256(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }
    }

    private static readonly ulong[] JumpPolynomial = [0x180ec6d33cfd0abaUL, 0xd5a61266f0c9392cUL, 0xa9582618e03fc9aaUL, 0x39abdc4529b1661cUL];

    /// <summary>Advances the state by 2^128 draws (Blackman &amp; Vigna's jump): streams jumped apart never overlap in practice.</summary>
    public void Jump()
    {
        ulong a = 0, b = 0, c = 0, d = 0;
        foreach (ulong word in JumpPolynomial)
            for (int bit = 0; bit < 64; bit++)
            {
                if ((word & (1UL << bit)) != 0) { a ^= _s0; b ^= _s1; c ^= _s2; d ^= _s3; }
                NextUInt64();
            }
        _s0 = a; _s1 = b; _s2 = c; _s3 = d;
    }

    /// <summary>The four state words (for generators that run several jumped copies side by side).</summary>
    public (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>Sets the four state words (not all zero).</summary>
    internal void SetState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new InvalidDataException("xoshiro256** state cannot be all zero");
        _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
    }

    /// <summary>Writes the 32-byte state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_s0); writer.Write(_s1); writer.Write(_s2); writer.Write(_s3);
    }

    /// <summary>Restores a state written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ulong a = reader.ReadUInt64(), b = reader.ReadUInt64(), c = reader.ReadUInt64(), d = reader.ReadUInt64();
        if ((a | b | c | d) == 0) throw new InvalidDataException("xoshiro256** state cannot be all zero");
        _s0 = a; _s1 = b; _s2 = c; _s3 = d;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="maxValue"/>) without modulo bias (Lemire's method).</summary>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : (int)Bounded((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override int Next() => Next(int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = (ulong)((long)maxValue - minValue);
        return range <= 1 ? minValue : (int)(minValue + (long)Bounded(range));
    }

    /// <inheritdoc/>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : (long)Bounded((ulong)maxValue);
    }

    /// <inheritdoc/>
    public override long NextInt64() => NextInt64(long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = unchecked((ulong)(maxValue - minValue));
        return range <= 1 ? minValue : unchecked(minValue + (long)Bounded(range));
    }

    /// <inheritdoc/>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        int i = 0;
        while (i < buffer.Length)
        {
            ulong r = NextUInt64();
            for (int b = 0; b < 8 && i < buffer.Length; b++, i++) { buffer[i] = (byte)r; r >>= 8; }
        }
    }

    private ulong Bounded(ulong range)
    {
        // Lemire: multiply-shift with rejection of the biased low region.
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * range;
        ulong low = (ulong)m;
        if (low < range)
        {
            ulong threshold = unchecked(0 - range) % range;
            while (low < threshold)
            {
                x = NextUInt64();
                m = (UInt128)x * range;
                low = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }
}
