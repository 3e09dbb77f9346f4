using PredLlm.Synth.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class WeightAverageTests
{
    [Fact]
    public void Constant_weights_average_to_themselves_although_the_average_starts_from_zero()
    {
        using var layer = Layer(2.5f);
        using var average = new WeightAverage(layer, halfLifeSteps: 10);

        average.Update();
        average.Update();
        average.SwapIn();

        Assert.Equal(2.5f, Weight(layer), 5);
    }

    [Fact]
    public void Recent_weights_count_more_by_the_half_life_and_swapping_out_restores_the_live_weights()
    {
        using var layer = Layer(0f);
        using var average = new WeightAverage(layer, halfLifeSteps: 1);

        average.Update();
        Set(layer, 1f);
        average.Update();
        average.SwapIn();
        // Weights 1/2 for the first step and 1 for the second: (0 x 0.5 + 1 x 1) / 1.5.
        Assert.Equal(2f / 3, Weight(layer), 5);
        average.SwapOut();

        Assert.Equal(1f, Weight(layer));
    }

    [Fact]
    public void The_average_cannot_be_swapped_in_before_any_update_or_twice()
    {
        using var layer = Layer(1f);
        using var average = new WeightAverage(layer, halfLifeSteps: 4);

        Assert.Throws<InvalidOperationException>(average.SwapIn);
        average.Update();
        average.SwapIn();
        Assert.Throws<InvalidOperationException>(average.SwapIn);
    }

    [Fact]
    public void A_half_life_that_is_not_positive_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new TrainingOptions { WeightAverageHalfLife = 0 }.Validate());
        Assert.Contains("half-life", exception.Message);
    }

    private static TorchSharp.Modules.Linear Layer(float value)
    {
        var layer = nn.Linear(3, 2, hasBias: false);
        Set(layer, value);
        return layer;
    }

    private static void Set(TorchSharp.Modules.Linear layer, float value)
    {
        using var noGrad = no_grad();
        layer.weight!.fill_(value);
    }

    private static float Weight(TorchSharp.Modules.Linear layer) => layer.weight![1, 2].item<float>();
}
