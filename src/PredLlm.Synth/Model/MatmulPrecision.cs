using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// The number format of a model's matrix products while it trains. The weights, the optimiser's state, the
/// norms, attention and the loss stay fp32 either way (mixed precision); only the inputs of each product are
/// rounded to bfloat16, whose 8-bit mantissa costs nothing a gradient step would notice.
/// </summary>
public enum MatmulPrecision
{
    /// <summary>IEEE single precision throughout.</summary>
    Fp32,

    /// <summary>bfloat16 inputs with an fp32 result.</summary>
    Bf16,
}

/// <summary>Which matmul precision trains faster on a device, measured once per process and device kind.</summary>
/// <remarks>
/// On the 2-core AMD EPYC machine (AVX-512 BF16) bfloat16 products ran at about 390 GFLOP/s against 145 for fp32,
/// and the default adult model trained at 17,100 tokens/s instead of 9,900 (batch 64) with the same validation loss
/// after 150,000 tokens (1.122). A CPU without bfloat16 instructions converts instead and gains nothing, so the
/// choice is measured rather than assumed.
/// </remarks>
public static class MatmulPrecisions
{
    /// <summary>How much faster bfloat16 products must be to be used: a clear margin, so timing noise cannot flip the choice.</summary>
    public const double RequiredSpeedUp = 1.5;

    private const int ProbeSize = 512;
    private const int ProbeRepeats = 9;

    // Per device kind and thread count: the speed-up of bfloat16 need not be the same on one core as on all.
    private static readonly ConcurrentDictionary<(DeviceType Device, int Threads), MatmulPrecision> Chosen = new();

    /// <summary>The faster precision on <paramref name="device"/> with the threads now set; measured the first time for those (about 0.1 s).</summary>
    public static MatmulPrecision Fastest(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Chosen.GetOrAdd((device.type, get_num_threads()), _ => Measure(device));
    }

    private static MatmulPrecision Measure(Device device)
    {
        var float32 = MatmulPeak.Measure(device, MatmulPrecision.Fp32, ProbeSize, ProbeRepeats);
        double bfloat16;
        try
        {
            bfloat16 = MatmulPeak.Measure(device, MatmulPrecision.Bf16, ProbeSize, ProbeRepeats);
        }
        catch (ExternalException)
        {
            // A device without bfloat16 products at all.
            return MatmulPrecision.Fp32;
        }
        return bfloat16 >= RequiredSpeedUp * float32 ? MatmulPrecision.Bf16 : MatmulPrecision.Fp32;
    }
}

/// <summary>
/// The matrix products of a <see cref="GptModel"/>'s layers in the model's training precision. Only training
/// uses bfloat16: evaluation (validation, likelihoods, generation) computes in fp32, so what a trained model says
/// does not depend on the machine it trained on, and decoding one position at a time was about 7% slower in bfloat16.
/// </summary>
internal sealed class TrainingMatmuls
{
    public MatmulPrecision Precision { get; set; }

    public Tensor Linear(Linear layer, Tensor input) => Linear(input, layer.weight!, layer.bias, layer.training);

    public Tensor Linear(Tensor input, Tensor weight, Tensor? bias, bool training)
    {
        if (!training || Precision == MatmulPrecision.Fp32)
        {
            return nn.functional.linear(input, weight, bias);
        }
        return nn.functional.linear(input.to_type(ScalarType.BFloat16), weight.to_type(ScalarType.BFloat16), bias?.to_type(ScalarType.BFloat16))
            .to_type(input.dtype);
    }
}
