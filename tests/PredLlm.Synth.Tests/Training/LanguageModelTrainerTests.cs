using PredLlm.Synth.Model;
using PredLlm.Synth.Training;
using static TorchSharp.torch;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class LanguageModelTrainerTests
{
    private static readonly TrainingOptions FastOptions = new()
    {
        Seed = 7,
        BatchSize = 8,
        PeakLearningRate = 3e-3,
        WeightDecay = 0.0,
        Threads = 1,
        Budget = new TrainingBudget(MaxEpochs: 400),
        Patience = 1000,
    };

    [Theory]
    [InlineData(MatmulPrecision.Fp32)]
    [InlineData(MatmulPrecision.Bf16)]
    public void A_model_memorises_a_tiny_corpus_and_greedy_decoding_gives_its_sequences_back(MatmulPrecision precision)
    {
        var sequences = TinyCorpus.KeyedSequences(count: 6, seed: 1);
        var corpus = new FixedSequenceCorpus(sequences, sequences, TinyCorpus.VocabularySize, TinyCorpus.Pad);
        using var model = TinyCorpus.TinyModel();

        var metadata = LanguageModelTrainer.Train(model, corpus, FastOptions with { MatmulPrecision = precision });

        // Only the key after "begin" is uncertain (one of six); every later token is determined by it.
        var predictedPerSequence = sequences.Average(sequence => sequence.Length - 1);
        var floor = Math.Log(sequences.Length) / predictedPerSequence;
        Assert.InRange(metadata.BestValidationLoss!.Value, 0, floor + 0.02);
        var decoded = TinyCorpus.GreedyContinuations(model, sequences.Select(sequence => sequence[..2]).ToArray());
        Assert.Equal(sequences, decoded);
    }

    [Fact]
    public void Padding_is_masked_so_the_pad_id_does_not_change_what_is_learned()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 8, seed: 2);
        var options = FastOptions with { Budget = new TrainingBudget(MaxEpochs: 5) };
        using var padTwo = TinyCorpus.TinyModel();
        using var padFive = TinyCorpus.TinyModel();

        var two = LanguageModelTrainer.Train(padTwo, new FixedSequenceCorpus(sequences, sequences, TinyCorpus.VocabularySize, padId: 2), options);
        var five = LanguageModelTrainer.Train(padFive, new FixedSequenceCorpus(sequences, sequences, TinyCorpus.VocabularySize, padId: 5), options);

        Assert.Equal(two.BestValidationLoss!.Value, five.BestValidationLoss!.Value, 6);
        Assert.True(SameWeights(padTwo, padFive, tolerance: 1e-6));
    }

    [Fact]
    public void Training_records_the_matmul_precision_it_used_and_by_default_takes_the_faster_one()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 4, seed: 6);
        var corpus = new FixedSequenceCorpus(sequences, sequences, TinyCorpus.VocabularySize, TinyCorpus.Pad);
        using var chosen = TinyCorpus.TinyModel();
        using var forced = TinyCorpus.TinyModel();
        var options = FastOptions with { Budget = new TrainingBudget(MaxEpochs: 2) };

        var automatic = LanguageModelTrainer.Train(chosen, corpus, options);
        var bf16 = LanguageModelTrainer.Train(forced, corpus, options with { MatmulPrecision = MatmulPrecision.Bf16 });

        Assert.Null(options.MatmulPrecision);
        Assert.Equal(MatmulPrecisions.Fastest(CPU), automatic.Options.MatmulPrecision);
        Assert.Equal(MatmulPrecision.Bf16, bf16.Options.MatmulPrecision);
        Assert.Equal(MatmulPrecision.Bf16, forced.TrainingPrecision);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model_and_another_seed_a_different_one()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 12, seed: 3);
        var corpus = new FixedSequenceCorpus(sequences, sequences[..4], TinyCorpus.VocabularySize, TinyCorpus.Pad);
        var options = FastOptions with { Budget = new TrainingBudget(MaxEpochs: 4), Threads = 2 };
        using var first = TinyCorpus.TinyModel();
        using var second = TinyCorpus.TinyModel();
        using var otherSeed = TinyCorpus.TinyModel();

        var a = LanguageModelTrainer.Train(first, corpus, options);
        var b = LanguageModelTrainer.Train(second, corpus, options);
        LanguageModelTrainer.Train(otherSeed, corpus, options with { Seed = 8 });

        Assert.Equal(a.BestValidationLoss, b.BestValidationLoss);
        Assert.True(SameWeights(first, second, tolerance: 0));
        Assert.False(SameWeights(first, otherSeed, tolerance: 1e-6));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.5)]
    public void Early_stopping_ends_an_overfitting_run_and_keeps_the_weights_of_the_best_validation_loss(double? averageHalfLife)
    {
        // Random bodies: the training rows can be memorised but say nothing about the validation rows.
        var random = new Random(4);
        int[] Noise() => [TinyCorpus.Begin, .. Enumerable.Range(0, 10).Select(_ => random.Next(3, TinyCorpus.VocabularySize)), TinyCorpus.End];
        var training = Enumerable.Range(0, 16).Select(_ => Noise()).ToArray();
        var validation = Enumerable.Range(0, 16).Select(_ => Noise()).ToArray();
        var corpus = new FixedSequenceCorpus(training, validation, TinyCorpus.VocabularySize, TinyCorpus.Pad);
        var validationLosses = new List<double>();
        using var model = TinyCorpus.TinyModel();

        var metadata = LanguageModelTrainer.Train(
            model, corpus, FastOptions with { Patience = 3, Budget = new TrainingBudget(MaxEpochs: 400), WeightAverageHalfLife = averageHalfLife },
            progress => { if (progress.ValidationLoss is { } loss) validationLosses.Add(loss); });

        Assert.Equal(StopReason.EarlyStopping, metadata.StopReason);
        Assert.Equal(validationLosses.Min(), metadata.BestValidationLoss);
        Assert.Equal(metadata.BestEpoch + 3, metadata.Epochs);
        var kept = LanguageModelTrainer.Train(model, corpus, FastOptions with { Budget = new TrainingBudget(MaxEpochs: 1), PeakLearningRate = 1e-12 });
        Assert.Equal(metadata.BestValidationLoss!.Value, kept.BestValidationLoss!.Value, 4);
    }

    [Fact]
    public void A_token_budget_stops_training_within_one_batch_of_the_limit()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 16, seed: 5);
        var corpus = new FixedSequenceCorpus(sequences, [], TinyCorpus.VocabularySize, TinyCorpus.Pad);
        using var model = TinyCorpus.TinyModel();

        var metadata = LanguageModelTrainer.Train(model, corpus, FastOptions with { Budget = new TrainingBudget(MaxEpochs: 100, MaxTokens: 500) });

        Assert.Equal(StopReason.TokenBudget, metadata.StopReason);
        Assert.InRange(metadata.Tokens, 500, 500 + 8 * 10);
        Assert.Null(metadata.BestValidationLoss);
    }

    [Fact]
    public void Progress_reports_every_epoch_with_its_validation_loss_and_a_shrinking_time_estimate()
    {
        var sequences = TinyCorpus.KeyedSequences(count: 8, seed: 6);
        var corpus = new FixedSequenceCorpus(sequences, sequences, TinyCorpus.VocabularySize, TinyCorpus.Pad);
        var reports = new List<TrainingProgress>();
        using var model = TinyCorpus.TinyModel();

        LanguageModelTrainer.Train(model, corpus, FastOptions with { Budget = new TrainingBudget(MaxEpochs: 5) }, reports.Add);

        var epochEnds = reports.Where(report => report.ValidationLoss is not null).ToList();
        Assert.Equal([1, 2, 3, 4, 5], epochEnds.Select(report => report.Epoch));
        Assert.All(epochEnds, report => Assert.True(report.TokensPerSecond > 0 && double.IsFinite(report.TrainingLoss)));
        Assert.Equal(TimeSpan.Zero, epochEnds[^1].EstimatedTimeLeft);
    }

    [Fact]
    public void Sequences_longer_than_the_context_are_refused()
    {
        int[][] sequences = [[.. Enumerable.Repeat(3, 20)]];
        using var model = TinyCorpus.TinyModel();

        Assert.Throws<ArgumentException>(() => LanguageModelTrainer.Train(
            model, new FixedSequenceCorpus(sequences, [], TinyCorpus.VocabularySize, TinyCorpus.Pad), FastOptions));
    }

    internal static bool SameWeights(GptModel a, GptModel b, double tolerance)
    {
        using var scope = NewDisposeScope();
        var other = b.state_dict();
        return a.state_dict().All(entry => (entry.Value - other[entry.Key]).abs().max().item<float>() <= tolerance);
    }
}
