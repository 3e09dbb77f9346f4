using TorchSharp;
using static TorchSharp.torch;

namespace PredLlm.Synth.Runtime;

/// <summary>Process-wide TorchSharp settings and a smoke check of the native backend.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Runs one forward and backward pass of a tiny linear model and one optimiser step; throws when the
    /// native library cannot be loaded (for example a libstdc++ that is too old and an unpatched build).
    /// </summary>
    public static string SelfTest()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator().manual_seed(7);
        var weight = randn(8, 4, generator: generator).requires_grad_(true);
        var input = randn(16, 8, generator: generator);
        var loss = input.matmul(weight).pow(2).mean();
        loss.backward();
        var gradientNorm = weight.grad!.norm().item<float>();
        if (!float.IsFinite(gradientNorm) || gradientNorm <= 0)
        {
            throw new InvalidOperationException("TorchSharp computed no usable gradient.");
        }
        return FormattableString.Invariant(
            $"TorchSharp {torch.__version__} on {(cuda.is_available() ? "CUDA" : "CPU")}, {get_num_threads()} threads: loss {loss.item<float>():F4}, gradient norm {gradientNorm:F4}");
    }
}
