using PredLlm.Synth.Tokens;
using PredLlm.Synth.Training;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class TargetLossShareTests
{
    [Fact]
    public void A_pred_llm_sequence_marks_where_its_target_value_starts_in_both_orders()
    {
        var train = Table(Texts("colour", Repeat(8, "red", "blue")), Texts("size", Repeat(8, "small", "large", "medium")), Texts("label", Repeat(8, "yes", "no")));
        var vocabulary = Vocabulary.Build(["colour", "size", "label"], PredLlmCorpus.RowValues(train).SelectMany(row => row));
        var corpus = new PredLlmCorpus(new RowTokenizer(vocabulary), train, train, target: 2, seed: 1);

        var sequences = corpus.TrainingSequences(0, new Random(2)).Concat(corpus.ValidationSequences).ToArray();

        Assert.All(sequences, sequence =>
        {
            var start = corpus.TargetStart(sequence);
            Assert.Equal(vocabulary.NameToken(2), sequence[start - 1]);
            Assert.Contains(vocabulary.DecodeValue(sequence.AsSpan(start..^1)), new[] { "yes", "no" });
            Assert.Equal(Vocabulary.End, sequence[^1]);
        });
    }

    [Fact]
    public void A_batch_gives_the_target_and_its_end_their_share_of_the_loss_and_padding_nothing()
    {
        int[][] sequences = [[1, 10, 3, 11, 12, 2], [1, 10, 3, 11, 2]];
        // Both targets start at index 3: predicted are 10 3 | 11 12 2 and 10 3 | 11 2, then one pad.
        var batch = new TokenBatch(sequences, padId: 0, _ => 3);

        var weights = batch.LossWeights(LossMix.For(0.75, batch.TargetTokens, batch.PredictedTokens - batch.TargetTokens), CPU).data<float>().ToArray();

        Assert.Equal(5, batch.TargetTokens);
        Assert.Equal(9, batch.PredictedTokens);
        const float other = 0.25f / 4, target = 0.75f / 5;
        Assert.Equal(new[] { other, other, target, target, target, other, other, target, target, 0f }, weights);
        Assert.Equal(1.0, weights.Sum(), 5);
    }

    [Fact]
    public void Without_a_share_or_without_target_tokens_every_token_weighs_the_same()
    {
        int[][] sequences = [[1, 10, 3, 11, 2]];
        ITrainingCorpus corpus = new FixedSequenceCorpus(sequences, sequences, vocabularySize: 16, padId: 0);
        var batch = new TokenBatch(sequences, padId: 0, corpus.TargetStart);

        Assert.Equal(0, batch.TargetTokens);
        Assert.Equal(LossMix.For(0.25, 0, 4), LossMix.For(null, 2, 2));
        Assert.Equal(0.25, LossMix.For(0.25, 0, 4).PerOtherToken);
        // Target tokens average 1, the others 2: half of 1 plus half of 2.
        Assert.Equal(1.5, LossMix.For(0.5, 2, 4).Mean(targetLossSum: 2, otherLossSum: 8), 12);
    }

    [Fact]
    public void A_share_is_a_floor_so_a_target_that_already_has_it_keeps_the_plain_mean()
    {
        // Two target tokens in six are a third of the loss: a floor of a quarter changes nothing.
        Assert.Equal(LossMix.For(null, 2, 4), LossMix.For(0.25, 2, 4));
        Assert.Equal(1.0 / 6, LossMix.For(0.25, 2, 4).PerTargetToken, 12);
        // Below the floor the target is lifted to it: 2 tokens in 40 carry 30% of the loss.
        Assert.Equal(0.3, 2 * LossMix.For(0.3, 2, 38).PerTargetToken, 12);
    }

    [Fact]
    public void A_target_share_outside_zero_to_one_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new TrainingOptions { TargetLossShare = 1 }.Validate());
        Assert.Contains("target's loss share", exception.Message, StringComparison.Ordinal);
    }
}
