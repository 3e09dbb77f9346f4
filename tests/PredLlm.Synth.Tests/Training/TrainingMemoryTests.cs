using System.Diagnostics;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Tests.Training;

[Collection(TorchGlobalState.Name)]
public class TrainingMemoryTests
{
    private const int Steps = 1000;
    private const int WarmupSteps = 100;
    private const long AllowedGrowthBytes = 16L * 1024 * 1024;

    [Fact]
    public void Memory_stays_flat_over_a_thousand_training_steps()
    {
        // Eight sequences and a batch of eight: one step per epoch, so the epoch budget counts steps, and every
        // epoch also runs validation and may refresh the kept best weights.
        var sequences = TinyCorpus.KeyedSequences(count: 8, seed: 9);
        var corpus = new FixedSequenceCorpus(sequences, sequences[..2], TinyCorpus.VocabularySize, TinyCorpus.Pad);
        var options = new TrainingOptions
        {
            Seed = 1,
            BatchSize = 8,
            Threads = 1,
            Budget = new TrainingBudget(MaxEpochs: Steps),
            Patience = Steps,
            ProgressInterval = TimeSpan.Zero,
        };
        long afterWarmup = 0;
        using var model = TinyCorpus.TinyModel();

        var metadata = LanguageModelTrainer.Train(model, corpus, options, progress =>
        {
            if (progress.Step == WarmupSteps && progress.ValidationLoss is not null)
            {
                afterWarmup = RetainedWorkingSet();
            }
        });
        var atEnd = RetainedWorkingSet();

        Assert.Equal(Steps, metadata.Steps);
        Assert.True(afterWarmup > 0);
        Assert.True(atEnd - afterWarmup < AllowedGrowthBytes, $"working set grew by {(atEnd - afterWarmup) / 1024} KiB over {Steps - WarmupSteps} steps");
    }

    /// <summary>The working set once unreachable objects are collected: what the training run still holds on to.</summary>
    private static long RetainedWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
