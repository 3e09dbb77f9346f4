using PredLlm.Synth.Tokens;
using PredLlm.Synth.Training;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class TargetLossWeightTests
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
            Assert.Equal(vocabulary.NameToken(2), sequence[start - 2]);
            Assert.Equal(Vocabulary.Is, sequence[start - 1]);
            Assert.Contains(vocabulary.DecodeValue(sequence.AsSpan(start..^1)), new[] { "yes", "no" });
            Assert.Equal(Vocabulary.End, sequence[^1]);
        });
    }

    [Fact]
    public void A_batch_weighs_predicting_the_target_and_the_end_and_nothing_for_padding()
    {
        int[][] sequences = [[1, 10, 3, 11, 12, 2], [1, 10, 3, 11, 2]];

        // Both targets start at index 3, after "10 is".
        var batch = new TokenBatch(sequences, padId: 0, _ => 3, targetWeight: 4);

        // Predicted tokens: 10 3 | 11 12 2 and 10 3 | 11 2, then one padding position.
        Assert.Equal(new float[] { 1, 1, 4, 4, 4, 1, 1, 4, 4, 0 }, batch.Weights(CPU).data<float>().ToArray());
        Assert.Equal(9, batch.PredictedTokens);
        Assert.Equal(24, batch.TotalWeight);
    }

    [Fact]
    public void A_corpus_without_a_target_weighs_every_token_alike()
    {
        int[][] sequences = [[1, 10, 3, 11, 2]];
        ITrainingCorpus corpus = new FixedSequenceCorpus(sequences, sequences, vocabularySize: 16, padId: 0);

        var batch = new TokenBatch(sequences, padId: 0, corpus.TargetStart, targetWeight: 8);

        Assert.Equal(batch.PredictedTokens, batch.TotalWeight);
    }

    [Fact]
    public void A_target_weight_below_one_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new TrainingOptions { TargetLossWeight = 0.5 }.Validate());
        Assert.Contains("target's loss weight", exception.Message, StringComparison.Ordinal);
    }
}
