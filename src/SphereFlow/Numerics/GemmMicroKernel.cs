using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SphereFlow.Numerics;

/// <summary>
/// Register-blocked micro-kernels of the managed matrix products: C (MR × NR, row stride ldc) = or += A·B, where A is a
/// packed panel of MR rows (kc steps of MR values) and B a packed panel of NR columns (kc steps of NR values). The widest
/// hardware-accelerated vector type is chosen once: <see cref="Vector512{T}"/> (12 × 16, 24 accumulators in the 32 zmm
/// registers of AVX-512), else <see cref="Vector256{T}"/> (6 × 8, 12 of the 16 ymm registers of AVX2), else
/// <see cref="Vector{T}"/> (4 × 2 lanes). All use fused multiply–add where the hardware has it. Each C entry is one
/// sequential sum over k in the same order on every path and thread, so results are deterministic.
/// </summary>
public static class GemmMicroKernel
{
    private enum Width { V512, V256, Generic }

    private static readonly Width Active =
        Vector512.IsHardwareAccelerated ? Width.V512 : Vector256.IsHardwareAccelerated ? Width.V256 : Width.Generic;

    /// <summary>Rows of the register block.</summary>
    public static int MR { get; } = Active switch { Width.V512 => 12, Width.V256 => 6, _ => 4 };

    /// <summary>Columns of the register block.</summary>
    public static int NR { get; } = Active switch { Width.V512 => 16, Width.V256 => 8, _ => 2 * Vector<double>.Count };

    /// <summary>The active micro-kernel, for reports.</summary>
    public static string Description { get; } = Active switch
    {
        Width.V512 => "Vector512 FMA, 12×16 register block",
        Width.V256 => "Vector256 FMA, 6×8 register block",
        _ => $"Vector<double> ({Vector<double>.Count} lanes), 4×{2 * Vector<double>.Count} register block",
    };

    /// <summary>C = A·B (or C += A·B when <paramref name="accumulate"/>) for one MR × NR block; kc ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(int kc, ref double a, ref double b, ref double c, int ldc, bool accumulate)
    {
        switch (Active)
        {
            case Width.V512: Run512(kc, ref a, ref b, ref c, ldc, accumulate); break;
            case Width.V256: Run256(kc, ref a, ref b, ref c, ldc, accumulate); break;
            default: RunGeneric(kc, ref a, ref b, ref c, ldc, accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run512(int kc, ref double a, ref double b, ref double c, int ldc, bool accumulate)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                          c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
                          c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default,
                          c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadUnsafe(ref b);
            var b1 = Vector512.LoadUnsafe(ref b, 8);
            Vector512<double> x;
            x = Vector512.Create(a); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1)); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2)); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3)); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4)); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5)); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6)); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7)); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(Unsafe.Add(ref a, 8)); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(Unsafe.Add(ref a, 9)); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(Unsafe.Add(ref a, 10)); cA0 = Vector512.FusedMultiplyAdd(x, b0, cA0); cA1 = Vector512.FusedMultiplyAdd(x, b1, cA1);
            x = Vector512.Create(Unsafe.Add(ref a, 11)); cB0 = Vector512.FusedMultiplyAdd(x, b0, cB0); cB1 = Vector512.FusedMultiplyAdd(x, b1, cB1);
            a = ref Unsafe.Add(ref a, 12);
            b = ref Unsafe.Add(ref b, 16);
        }
        Store512(ref c, accumulate, c00, c01);
        Store512(ref Unsafe.Add(ref c, ldc), accumulate, c10, c11);
        Store512(ref Unsafe.Add(ref c, 2 * ldc), accumulate, c20, c21);
        Store512(ref Unsafe.Add(ref c, 3 * ldc), accumulate, c30, c31);
        Store512(ref Unsafe.Add(ref c, 4 * ldc), accumulate, c40, c41);
        Store512(ref Unsafe.Add(ref c, 5 * ldc), accumulate, c50, c51);
        Store512(ref Unsafe.Add(ref c, 6 * ldc), accumulate, c60, c61);
        Store512(ref Unsafe.Add(ref c, 7 * ldc), accumulate, c70, c71);
        Store512(ref Unsafe.Add(ref c, 8 * ldc), accumulate, c80, c81);
        Store512(ref Unsafe.Add(ref c, 9 * ldc), accumulate, c90, c91);
        Store512(ref Unsafe.Add(ref c, 10 * ldc), accumulate, cA0, cA1);
        Store512(ref Unsafe.Add(ref c, 11 * ldc), accumulate, cB0, cB1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(ref double row, bool accumulate, Vector512<double> v0, Vector512<double> v1)
    {
        if (accumulate)
        {
            v0 += Vector512.LoadUnsafe(ref row);
            v1 += Vector512.LoadUnsafe(ref row, 8);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run256(int kc, ref double a, ref double b, ref double c, int ldc, bool accumulate)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                          c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 4);
            Vector256<double> x;
            x = Vector256.Create(a); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1)); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2)); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3)); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4)); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5)); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 8);
        }
        Store256(ref c, accumulate, c00, c01);
        Store256(ref Unsafe.Add(ref c, ldc), accumulate, c10, c11);
        Store256(ref Unsafe.Add(ref c, 2 * ldc), accumulate, c20, c21);
        Store256(ref Unsafe.Add(ref c, 3 * ldc), accumulate, c30, c31);
        Store256(ref Unsafe.Add(ref c, 4 * ldc), accumulate, c40, c41);
        Store256(ref Unsafe.Add(ref c, 5 * ldc), accumulate, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(ref double row, bool accumulate, Vector256<double> v0, Vector256<double> v1)
    {
        if (accumulate)
        {
            v0 += Vector256.LoadUnsafe(ref row);
            v1 += Vector256.LoadUnsafe(ref row, 4);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, 4);
    }

    private static void RunGeneric(int kc, ref double a, ref double b, ref double c, int ldc, bool accumulate)
    {
        int w = Vector<double>.Count;
        Vector<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector.LoadUnsafe(ref b);
            var b1 = Vector.LoadUnsafe(ref b, (nuint)w);
            Vector<double> x;
            x = new Vector<double>(a); c00 = Vector.FusedMultiplyAdd(x, b0, c00); c01 = Vector.FusedMultiplyAdd(x, b1, c01);
            x = new Vector<double>(Unsafe.Add(ref a, 1)); c10 = Vector.FusedMultiplyAdd(x, b0, c10); c11 = Vector.FusedMultiplyAdd(x, b1, c11);
            x = new Vector<double>(Unsafe.Add(ref a, 2)); c20 = Vector.FusedMultiplyAdd(x, b0, c20); c21 = Vector.FusedMultiplyAdd(x, b1, c21);
            x = new Vector<double>(Unsafe.Add(ref a, 3)); c30 = Vector.FusedMultiplyAdd(x, b0, c30); c31 = Vector.FusedMultiplyAdd(x, b1, c31);
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 2 * w);
        }
        StoreGeneric(ref c, w, accumulate, c00, c01);
        StoreGeneric(ref Unsafe.Add(ref c, ldc), w, accumulate, c10, c11);
        StoreGeneric(ref Unsafe.Add(ref c, 2 * ldc), w, accumulate, c20, c21);
        StoreGeneric(ref Unsafe.Add(ref c, 3 * ldc), w, accumulate, c30, c31);
    }

    private static void StoreGeneric(ref double row, int w, bool accumulate, Vector<double> v0, Vector<double> v1)
    {
        if (accumulate)
        {
            v0 += Vector.LoadUnsafe(ref row);
            v1 += Vector.LoadUnsafe(ref row, (nuint)w);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, (nuint)w);
    }
}
