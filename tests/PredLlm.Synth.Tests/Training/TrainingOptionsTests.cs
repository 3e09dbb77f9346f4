using PredLlm.Synth.Training;

namespace PredLlm.Synth.Tests.Training;

public class TrainingOptionsTests
{
    [Theory]
    [InlineData(240, 8)]        // iris: 120 train rows, two sequences each
    [InlineData(910, 16)]       // breast cancer
    [InlineData(2_100, 64)]
    [InlineData(52_096, 64)]    // adult
    public void The_automatic_batch_size_grows_with_the_corpus_but_keeps_enough_steps_per_epoch(int sequences, int expected)
    {
        Assert.Equal(expected, new TrainingOptions().BatchSizeFor(sequences));
    }

    [Fact]
    public void A_batch_size_that_is_set_is_used_whatever_the_corpus()
    {
        Assert.Equal(24, new TrainingOptions { BatchSize = 24 }.BatchSizeFor(52_096));
    }
}
