using System.Diagnostics;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// The machine's practical matmul peak in a number format: GFLOP/s of square matrix products (2 n^3
/// floating-point operations each), median over repeats after a warm-up, with the given number of threads.
/// </summary>
public static class MatmulPeak
{
    private const int WarmupRepeats = 3;

    public static double Measure(int threads, MatmulPrecision precision = MatmulPrecision.Fp32, int size = 1024, int repeats = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        set_num_threads(threads);
        return Measure(CPU, precision, size, repeats);
    }

    /// <summary>The peak on <paramref name="device"/> with the threads already set.</summary>
    internal static double Measure(Device device, MatmulPrecision precision, int size, int repeats)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator().manual_seed(0);
        var type = precision == MatmulPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        var left = randn(size, size, generator: generator).to(type, device);
        var right = randn(size, size, generator: generator).to(type, device);
        var seconds = new double[repeats];
        for (var repeat = -WarmupRepeats; repeat < repeats; repeat++)
        {
            using var productScope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            // Reading one number back waits for a device that computes asynchronously (a GPU); a CPU is done already.
            left.mm(right)[0, 0].to_type(ScalarType.Float32).item<float>();
            if (repeat >= 0)
            {
                seconds[repeat] = clock.Elapsed.TotalSeconds;
            }
        }
        Array.Sort(seconds);
        var median = seconds[repeats / 2];
        return 2.0 * size * size * size / median / 1e9;
    }
}
