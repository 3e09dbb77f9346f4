using PredLlm.Synth.Bench;

namespace PredLlm.Synth.Tests.Bench;

public class SyntheticTableCorpusTests
{
    private readonly SyntheticTableCorpus corpus = new(trainRows: 200, validationRows: 20, seed: 1);

    [Fact]
    public void Sequences_have_adults_shape()
    {
        var sequences = corpus.TrainingSequences(0, new Random(1));

        Assert.Equal(400, sequences.Count);
        Assert.InRange(sequences.Average(sequence => sequence.Length), 60, 75);
        Assert.InRange(corpus.VocabularySize, 200, 400);
        Assert.All(sequences.Concat(corpus.ValidationSequences), sequence =>
            Assert.All(sequence, token => Assert.InRange(token, 0, corpus.VocabularySize - 1)));
    }

    [Fact]
    public void Each_row_comes_once_with_its_features_shuffled_and_the_target_last_and_once_in_table_order()
    {
        var sequences = corpus.TrainingSequences(0, new Random(1));
        var targetName = ColumnNameTokens(sequences[1])[^1];

        for (var row = 0; row < sequences.Count; row += 2)
        {
            var shuffled = ColumnNameTokens(sequences[row]);
            var tableOrder = ColumnNameTokens(sequences[row + 1]);
            Assert.Equal(targetName, shuffled[^1]);
            Assert.Equal(tableOrder.Order(), shuffled.Order());
            Assert.Equal(tableOrder.Order(), tableOrder);
        }
        Assert.Contains(Enumerable.Range(0, sequences.Count / 2), row => !ColumnNameTokens(sequences[2 * row]).SequenceEqual(ColumnNameTokens(sequences[2 * row + 1])));
    }

    [Fact]
    public void The_same_seed_gives_the_same_corpus()
    {
        var again = new SyntheticTableCorpus(trainRows: 200, validationRows: 20, seed: 1);

        Assert.Equal(corpus.TrainingSequences(3, new Random(5)), again.TrainingSequences(3, new Random(5)));
        Assert.Equal(corpus.ValidationSequences, again.ValidationSequences);
    }

    /// <summary>Column name tokens are those followed by the "is" token (id 3).</summary>
    private static int[] ColumnNameTokens(int[] sequence) =>
        Enumerable.Range(0, sequence.Length - 1).Where(index => sequence[index + 1] == 3).Select(index => sequence[index]).ToArray();
}
