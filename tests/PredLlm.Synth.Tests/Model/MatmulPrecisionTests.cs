using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Model;

[Collection(TorchGlobalState.Name)]
public class MatmulPrecisionTests
{
    private static readonly GptConfig Config = new(VocabularySize: 40, ContextLength: 16, Layers: 2, Heads: 2, Width: 64, Dropout: 0.0);

    [Theory]
    [InlineData(MatmulPrecision.Fp32)]
    [InlineData(MatmulPrecision.Bf16)]
    public void The_matmul_peak_is_a_plausible_positive_rate_in_either_precision(MatmulPrecision precision)
    {
        var gflops = MatmulPeak.Measure(threads: 1, precision, size: 128, repeats: 5);

        Assert.InRange(gflops, 0.1, 10_000);
    }

    [Fact]
    public void A_bf16_model_computes_close_to_fp32_while_training_and_exactly_as_fp32_in_evaluation()
    {
        using var scope = NewDisposeScope();
        using var fp32 = new GptModel(Config, seed: 3);
        using var bf16 = new GptModel(Config, seed: 3) { TrainingPrecision = MatmulPrecision.Bf16 };
        var tokens = tensor(new long[,] { { 1, 5, 9, 13, 17, 21, 25, 29 }, { 2, 6, 10, 14, 18, 22, 26, 30 } });

        fp32.train();
        bf16.train();
        var trainingFp32 = fp32.call(tokens);
        var trainingBf16 = bf16.call(tokens);
        fp32.eval();
        bf16.eval();
        var evaluationFp32 = fp32.call(tokens);
        var evaluationBf16 = bf16.call(tokens);

        // bfloat16 keeps 8 mantissa bits: the products differ from fp32's in the third decimal, not more.
        var difference = (trainingBf16 - trainingFp32).abs().max().item<float>();
        Assert.InRange(difference, 1e-6f, 0.05f * trainingFp32.abs().max().item<float>());
        Assert.Equal(ScalarType.Float32, trainingBf16.dtype);
        Assert.True(evaluationBf16.eq(evaluationFp32).all().item<bool>());
        Assert.True(evaluationFp32.eq(trainingFp32).all().item<bool>());
    }

    [Fact]
    public void Gradients_reach_the_fp32_weights_through_bf16_products()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(Config, seed: 4) { TrainingPrecision = MatmulPrecision.Bf16 };
        model.train();

        model.call(tensor(new long[,] { { 1, 2, 3, 4 } })).sum().backward();

        Assert.All(model.parameters(), parameter =>
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.NotNull(parameter.grad);
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
        });
        Assert.Contains(model.parameters(), parameter => parameter.grad!.abs().sum().item<float>() > 0);
    }
}
