using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Model;

public sealed class Gpt2CheckpointTests : IDisposable
{
    private static readonly GptConfig CheckpointShape = new(VocabularySize: 40, ContextLength: 20, Layers: 2, Heads: 2, Width: 16, Dropout: 0.1);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "predllm-gpt2-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_model_written_as_a_gpt2_checkpoint_loads_back_with_identical_logits()
    {
        using var scope = NewDisposeScope();
        using var original = new GptModel(CheckpointShape, seed: 1);
        Gpt2Checkpoint.Save(original, directory);

        var config = Gpt2Checkpoint.ReadConfig(directory, vocabularySize: 40, contextLength: 12, dropout: 0.0);
        using var loaded = new GptModel(config, seed: 2);
        Gpt2Checkpoint.LoadInto(loaded, directory, Enumerable.Range(0, 40).Select(id => (int?)id).ToArray());
        original.eval();
        loaded.eval();

        var tokens = tensor(new long[,] { { 5, 9, 1, 33, 7, 7, 2, 39 } });
        Assert.Equal((2, 2, 16), (config.Layers, config.Heads, config.Width));
        Assert.True(original.call(tokens).allclose(loaded.call(tokens), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void The_checkpoint_stores_linear_layers_in_gpt2s_conv1d_layout()
    {
        using var model = new GptModel(CheckpointShape, seed: 1);
        Gpt2Checkpoint.Save(model, directory);

        var tensors = SafeTensors.Read(Path.Combine(directory, Gpt2Checkpoint.WeightsFile));
        try
        {
            Assert.Equal([16L, 48L], tensors["h.0.attn.c_attn.weight"].shape);
            Assert.Equal([16L, 64L], tensors["h.1.mlp.c_fc.weight"].shape);
            Assert.Equal([40L, 16L], tensors["wte.weight"].shape);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    [Fact]
    public void Compact_ids_take_the_embedding_rows_of_their_checkpoint_tokens_and_specials_keep_their_own()
    {
        using var scope = NewDisposeScope();
        using var checkpoint = new GptModel(CheckpointShape, seed: 1);
        Gpt2Checkpoint.Save(checkpoint, directory);
        int?[] map = [null, null, 30, 4];
        var config = Gpt2Checkpoint.ReadConfig(directory, vocabularySize: map.Length, contextLength: 10, dropout: 0.0);
        using var model = new GptModel(config, seed: 3);
        using var fresh = new GptModel(config, seed: 3);

        Gpt2Checkpoint.LoadInto(model, directory, map);

        var rows = model.state_dict()["wte.weight"];
        var source = checkpoint.state_dict()["wte.weight"];
        var own = fresh.state_dict()["wte.weight"];
        Assert.True(rows[2].eq(source[30]).all().item<bool>());
        Assert.True(rows[3].eq(source[4]).all().item<bool>());
        Assert.True(rows[..2].eq(own[..2]).all().item<bool>());
    }

    [Fact]
    public void A_table_needing_more_positions_than_the_checkpoint_has_is_refused()
    {
        using var model = new GptModel(CheckpointShape, seed: 1);
        Gpt2Checkpoint.Save(model, directory);

        Assert.Throws<BadInputException>(() => Gpt2Checkpoint.ReadConfig(directory, vocabularySize: 40, contextLength: 21, dropout: 0.0));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
