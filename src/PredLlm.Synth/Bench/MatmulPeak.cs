using System.Diagnostics;
using static TorchSharp.torch;

namespace PredLlm.Synth.Bench;

/// <summary>
/// The machine's practical fp32 peak: GFLOP/s of square matrix products (2 n^3 floating-point operations
/// each), median over repeats after a warm-up, with the given number of threads.
/// </summary>
public static class MatmulPeak
{
    private const int WarmupRepeats = 3;

    public static double Measure(int threads, int size = 1024, int repeats = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        set_num_threads(threads);
        using var scope = NewDisposeScope();
        using var generator = new Generator().manual_seed(0);
        var left = randn(size, size, generator: generator);
        var right = randn(size, size, generator: generator);
        var seconds = new double[repeats];
        for (var repeat = -WarmupRepeats; repeat < repeats; repeat++)
        {
            using var productScope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            left.mm(right);
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
