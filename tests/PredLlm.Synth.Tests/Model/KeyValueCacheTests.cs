using PredLlm.Synth.Model;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Model;

public class KeyValueCacheTests
{
    private const double Tolerance = 1e-4;
    // Random tokens include the column-name tokens 6-9, so the cache must also carry each row's current column.
    private static readonly GptConfig TinyConfig = new(VocabularySize: 23, ContextLength: 24, Layers: 2, Heads: 2, Width: 32, Dropout: 0.1, new ColumnNameTokens(First: 6, Count: 4));

    // 2048 reads the batch at once; 14 reads it two rows at a time, each pair padded to its own longest.
    [Theory]
    [InlineData(2048)]
    [InlineData(14)]
    public void Cached_steps_give_the_logits_of_recomputing_each_whole_sequence(int prefillChunkTokens)
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 3);
        model.eval();
        var random = new Random(11);
        int[][] sequences = [RandomTokens(random, 3), RandomTokens(random, 7), RandomTokens(random, 5), RandomTokens(random, 2), RandomTokens(random, 4)];
        const int steps = 6;

        var (logits, cache) = model.Prefill(sequences, maxNewTokens: steps, prefillChunkTokens);
        using (cache)
        {
            for (var step = 0; step < steps; step++)
            {
                AssertSameAsRecomputed(model, sequences, logits);
                var next = sequences.Select(_ => random.Next(TinyConfig.VocabularySize)).ToArray();
                sequences = sequences.Select((sequence, row) => sequence.Append(next[row]).ToArray()).ToArray();
                logits = model.DecodeStep(cache, tensor(next.Select(token => (long)token).ToArray()));
            }
            AssertSameAsRecomputed(model, sequences, logits);
            Assert.Equal(7 + steps, cache.Length);
        }
    }

    [Fact]
    public void Selecting_rows_keeps_each_kept_row_decoding_as_before()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 5);
        model.eval();
        var random = new Random(2);
        int[][] sequences = [RandomTokens(random, 4), RandomTokens(random, 6), RandomTokens(random, 2)];

        var (_, cache) = model.Prefill(sequences, maxNewTokens: 2);
        using (cache)
        {
            cache.SelectRows([2, 0]);
            int[][] kept = [[.. sequences[2], 9], [.. sequences[0], 4]];
            var logits = model.DecodeStep(cache, tensor(new long[] { 9, 4 }));

            Assert.Equal(2, cache.BatchSize);
            AssertSameAsRecomputed(model, kept, logits);
        }
    }

    [Fact]
    public void A_step_that_predicts_some_rows_gives_their_logits_and_still_caches_every_row()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 4);
        model.eval();
        var random = new Random(8);
        int[][] sequences = [RandomTokens(random, 3), RandomTokens(random, 5), RandomTokens(random, 2)];

        var (_, cache) = model.Prefill(sequences, maxNewTokens: 2);
        using (cache)
        {
            var partial = model.DecodeStep(cache, tensor(new long[] { 7, 1, 12 }), tensor(new long[] { 2, 0 }));
            sequences = [[.. sequences[0], 7], [.. sequences[1], 1], [.. sequences[2], 12]];
            Assert.Equal(2, partial.shape[0]);
            AssertSameAsRecomputed(model, [sequences[2], sequences[0]], partial);

            var full = model.DecodeStep(cache, tensor(new long[] { 3, 8, 5 }));
            AssertSameAsRecomputed(model, [[.. sequences[0], 3], [.. sequences[1], 8], [.. sequences[2], 5]], full);
        }
    }

    [Fact]
    public void A_reused_cache_decodes_each_new_batch_as_a_fresh_cache_would()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 7);
        model.eval();
        var random = new Random(5);
        using var cache = model.NewCache(rows: 3);

        // Each batch finds the keys and values of the one before; the last needs more rows than the cache had.
        foreach (var lengths in new[] { new[] { 6, 3, 4 }, [2, 5], [3, 1, 4, 2] })
        {
            var sequences = lengths.Select(length => RandomTokens(random, length)).ToArray();
            var logits = model.Prefill(cache, sequences);
            for (var step = 0; step < 3; step++)
            {
                AssertSameAsRecomputed(model, sequences, logits);
                var next = sequences.Select(_ => random.Next(TinyConfig.VocabularySize)).ToArray();
                sequences = sequences.Select((sequence, row) => sequence.Append(next[row]).ToArray()).ToArray();
                logits = model.DecodeStep(cache, tensor(next.Select(token => (long)token).ToArray()));
            }
            AssertSameAsRecomputed(model, sequences, logits);
            cache.SelectRows([0]);
        }
    }

    [Fact]
    public void Decoding_past_the_allocated_room_is_refused()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 5);
        model.eval();

        var (_, cache) = model.Prefill([[1, 2, 3]], maxNewTokens: 1);
        using (cache)
        {
            model.DecodeStep(cache, tensor(new long[] { 4 }));
            Assert.Throws<InvalidOperationException>(() => model.DecodeStep(cache, tensor(new long[] { 5 })));
        }
    }

    [Fact]
    public void Decoding_in_training_mode_is_refused_because_dropout_would_make_it_random()
    {
        using var scope = NewDisposeScope();
        using var model = new GptModel(TinyConfig, seed: 5);
        model.train();

        Assert.Throws<InvalidOperationException>(() => model.Prefill([[1, 2, 3]], maxNewTokens: 1));
    }

    private static void AssertSameAsRecomputed(GptModel model, int[][] sequences, Tensor cachedLogits)
    {
        for (var row = 0; row < sequences.Length; row++)
        {
            var tokens = tensor(sequences[row].Select(token => (long)token).ToArray()).unsqueeze(0);
            var recomputed = model.call(tokens)[0, -1];
            var difference = (recomputed - cachedLogits[row]).abs().max().item<float>();
            Assert.True(difference < Tolerance, $"row {row}: cached logits differ from recomputed ones by {difference}");
        }
    }

    private static int[] RandomTokens(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => random.Next(TinyConfig.VocabularySize)).ToArray();
}
