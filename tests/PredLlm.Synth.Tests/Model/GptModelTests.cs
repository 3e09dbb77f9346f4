using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Model;

public class GptModelTests
{
    private static readonly GptConfig TinyConfig = new(VocabularySize: 17, ContextLength: 12, Layers: 2, Heads: 2, Width: 16, Dropout: 0.0);

    [Fact]
    public void Every_token_belongs_to_the_column_named_last_before_it()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig with { ColumnNames = new ColumnNameTokens(First: 6, Count: 3) }, seed: 1);
        // BEGIN, "b is 12 13,", "a is 14,", "c is 15 END", with names a, b, c = 6, 7, 8.
        var tokens = tensor(new long[,] { { 1, 7, 3, 12, 13, 4, 6, 3, 14, 4, 8, 3, 15, 2 } });

        var columns = model.ColumnsOf(tokens, GptModel.NoColumnYet(tokens));
        var continued = model.ColumnsOf(tensor(new long[,] { { 3, 16, 4, 6 } }), tensor(new long[,] { { 2 } }));

        Assert.Equal(new long[] { 0, 2, 2, 2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3 }, columns.data<long>().ToArray());
        Assert.Equal(new long[] { 2, 2, 2, 1 }, continued.data<long>().ToArray());
    }

    [Fact]
    public void A_position_is_not_influenced_by_later_tokens()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 1);
        model.eval();

        var first = model.call(tensor(new long[,] { { 1, 2, 3, 4, 5 } }));
        var laterChanged = model.call(tensor(new long[,] { { 1, 2, 3, 9, 9 } }));

        Assert.True(first[0, ..3].allclose(laterChanged[0, ..3]));
        Assert.False(first[0, 3].allclose(laterChanged[0, 3]));
    }

    [Fact]
    public void The_same_seed_builds_the_same_model_and_another_seed_a_different_one()
    {
        using var scope = NewDisposeScope();
        using var a = new GptModel(TinyConfig, seed: 4);
        using var b = new GptModel(TinyConfig, seed: 4);
        using var c = new GptModel(TinyConfig, seed: 5);
        var tokens = tensor(new long[,] { { 3, 1, 4, 1, 5 } });

        Assert.True(a.call(tokens).eq(b.call(tokens)).all().item<bool>());
        Assert.False(a.call(tokens).eq(c.call(tokens)).all().item<bool>());
    }

    [Fact]
    public void Output_weights_are_the_token_embedding_so_they_add_no_parameters()
    {
        using var model = new GptModel(TinyConfig, seed: 1);
        const long width = 16;
        const long perBlock = 2 * (2 * width) + (3 * width * width + 3 * width) + (width * width + width)
            + (4 * width * width + 4 * width) + (4 * width * width + width);

        Assert.Equal(17 * width + 12 * width + 1 * width + 2 * perBlock + 2 * width, model.ParameterCount);
    }

    [Fact]
    public void A_sequence_longer_than_the_context_is_refused()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 1);

        Assert.Throws<ArgumentException>(() => model.call(zeros(1, 13, dtype: ScalarType.Int64)));
    }
}
