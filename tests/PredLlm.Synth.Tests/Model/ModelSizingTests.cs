using PredLlm.Synth.Model;

namespace PredLlm.Synth.Tests.Model;

public class ModelSizingTests
{
    [Fact]
    public void A_tiny_table_gets_the_smallest_model_allowed()
    {
        var config = ModelSizing.Choose(rows: 120, meanTokensPerRow: 25, longestSequence: 30, vocabularySize: 80);

        Assert.Equal((2, 128, 2), (config.Layers, config.Width, config.Heads));
        Assert.Equal(0.1, config.Dropout);
    }

    [Fact]
    public void An_adult_sized_table_gets_a_model_of_at_most_one_and_a_half_parameters_per_token_without_dropout()
    {
        var config = ModelSizing.Choose(rows: 24_000, meanTokensPerRow: 47, longestSequence: 60, vocabularySize: 400);

        Assert.Equal((3, 192, 3), (config.Layers, config.Width, config.Heads));
        Assert.Equal(0.0, config.Dropout);
    }

    [Fact]
    public void A_huge_table_is_capped_by_the_bounds()
    {
        var bounds = new ModelSizeBounds(MinLayers: 1, MaxLayers: 4);

        var config = ModelSizing.Choose(rows: 10_000_000, meanTokensPerRow: 100, longestSequence: 120, vocabularySize: 5000, bounds);

        Assert.Equal(4, config.Layers);
    }

    [Fact]
    public void The_context_leaves_a_quarter_of_room_beyond_the_longest_sequence()
    {
        var config = ModelSizing.Choose(rows: 100, meanTokensPerRow: 50, longestSequence: 64, vocabularySize: 100);

        Assert.Equal(80, config.ContextLength);
    }
}
