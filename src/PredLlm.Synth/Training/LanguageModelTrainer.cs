using System.Diagnostics;
using PredLlm.Synth.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PredLlm.Synth.Training;

/// <summary>
/// Trains a <see cref="GptModel"/> on a corpus with the causal language-model loss: AdamW, warm-up and cosine
/// decay over the budget, gradient clipping, a moving average of the weights (unless the options turn it off),
/// and early stopping on the validation loss that keeps the best weights. The same model, corpus, options and
/// seed give the same weights (for a fixed thread count and no time budget).
/// </summary>
public sealed class LanguageModelTrainer
{
    private readonly GptModel model;
    private readonly ITrainingCorpus corpus;
    private readonly TrainingOptions options;
    private readonly Action<TrainingProgress> report;
    private readonly LearningRateSchedule schedule;
    private readonly Parameter[] parameters;
    private readonly Device device;
    private readonly Stopwatch wallClock = new();
    private readonly Stopwatch stepClock = new();
    private readonly Stopwatch reportClock = new();
    private long steps;
    private long tokens;
    private double lossSinceReport;
    private int stepsSinceReport;
    private double lastMeanLoss = double.NaN;
    private double learningRate;
    private int batchSize;

    private LanguageModelTrainer(GptModel model, ITrainingCorpus corpus, TrainingOptions options, Action<TrainingProgress>? progress)
    {
        this.model = model;
        this.corpus = corpus;
        this.options = options;
        report = progress ?? (_ => { });
        schedule = new LearningRateSchedule(options);
        parameters = model.parameters().ToArray();
        device = parameters[0].device;
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place and leaves it in evaluation mode holding the weights of its best
    /// validation loss (or its last weights when the corpus has no validation set).
    /// </summary>
    public static TrainingMetadata Train(
        GptModel model,
        ITrainingCorpus corpus,
        TrainingOptions options,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (corpus.VocabularySize != model.Config.VocabularySize)
        {
            throw new ArgumentException($"The corpus has {corpus.VocabularySize} token ids but the model {model.Config.VocabularySize}.", nameof(corpus));
        }
        return new LanguageModelTrainer(model, corpus, options, progress).Run(cancellationToken);
    }

    private TrainingMetadata Run(CancellationToken cancellationToken)
    {
        set_num_threads(options.Threads);
        var precision = options.MatmulPrecision ?? MatmulPrecisions.Fastest(device);
        model.TrainingPrecision = precision;
        manual_seed(options.Seed);
        var random = new Random(options.Seed);
        var validationBatches = ValidationBatches();
        using var optimizer = CreateOptimizer();
        using var earlyStopping = new EarlyStopping(model, options.Patience);
        var epoch = 0;
        var epochLoss = 0.0;
        StopReason? stopReason = null;
        wallClock.Start();
        reportClock.Start();

        WeightAverage? average = null;
        try
        {
            while (stopReason is null)
            {
                epoch++;
                var batches = EpochBatches(epoch, random);
                // Its half-life is counted in steps of the first epoch (every epoch has as many, give or take a batch).
                average ??= options.WeightAverageHalfLife is { } halfLife ? new WeightAverage(model, halfLife * batches.Count) : null;
                (epochLoss, stopReason) = TrainEpoch(epoch, batches, optimizer, average, cancellationToken);
                // With averaging, the average is what is validated and what early stopping keeps.
                average?.SwapIn();
                var validationLoss = ValidationLoss(validationBatches);
                earlyStopping.Observe(epoch, validationLoss);
                average?.SwapOut();
                if (stopReason is null && earlyStopping.PatienceRunOut)
                {
                    stopReason = StopReason.EarlyStopping;
                }
                if (stopReason is null && epoch >= options.Budget.MaxEpochs)
                {
                    stopReason = StopReason.EpochBudget;
                }
                Report(epoch, validationLoss, BudgetSpent(epoch));
            }

            if (earlyStopping.BestLoss is null)
            {
                // No validation set: the model ends with the last average rather than the last weights.
                average?.SwapIn();
            }
            earlyStopping.RestoreBest();
        }
        finally
        {
            average?.Dispose();
        }
        model.eval();
        wallClock.Stop();
        return new TrainingMetadata(
            options with { MatmulPrecision = precision }, batchSize, epoch, steps, tokens, epochLoss, earlyStopping.BestLoss, earlyStopping.BestEpoch,
            stopReason.Value, TokensPerSecond(), wallClock.Elapsed);
    }

    /// <summary>The epoch's sequences from the corpus, cut into length-bucketed batches; both draw on their own seeded generators.</summary>
    private List<int[][]> EpochBatches(int epoch, Random random)
    {
        var sequences = corpus.TrainingSequences(epoch - 1, new Random(random.Next()));
        if (sequences.Count == 0)
        {
            throw new ArgumentException("The corpus has no training sequences.");
        }
        batchSize = options.BatchSizeFor(sequences.Count);
        return LengthBucketing.Batches(CheckedSequences(sequences, "training"), batchSize, new Random(random.Next()));
    }

    /// <summary>One pass over the batches; stops early when the token or time budget runs out.</summary>
    private (double MeanLoss, StopReason? BudgetRanOut) TrainEpoch(
        int epoch, List<int[][]> batches, OptimizerHelper optimizer, WeightAverage? average, CancellationToken cancellationToken)
    {
        model.train();
        var lossSum = 0.0;
        var epochSteps = 0;
        foreach (var sequences in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            learningRate = schedule.At(BudgetSpent(epoch - 1 + (double)epochSteps / batches.Count));
            var loss = Step(optimizer, Batch(sequences));
            average?.Update();
            lossSum += loss;
            epochSteps++;
            lossSinceReport += loss;
            stepsSinceReport++;
            if (MidEpochLimit() is { } limit)
            {
                return (lossSum / epochSteps, limit);
            }
            if (reportClock.Elapsed >= options.ProgressInterval)
            {
                Report(epoch, validationLoss: null, BudgetSpent(epoch - 1 + (double)epochSteps / batches.Count));
            }
        }
        return (lossSum / epochSteps, null);
    }

    private float Step(OptimizerHelper optimizer, TokenBatch batch)
    {
        stepClock.Start();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var mix = LossMix.For(options.TargetLossShare, batch.TargetTokens, batch.PredictedTokens - batch.TargetTokens);
        var loss = (TokenLosses(batch) * batch.LossWeights(mix, device)).sum();
        loss.backward();
        nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm);
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
        optimizer.step();
        // On a CPU the loss is already computed when item() runs: reading it costs no pipeline stall.
        var value = loss.item<float>();
        steps++;
        tokens += batch.PredictedTokens;
        stepClock.Stop();
        return value;
    }

    /// <summary>The validation set's loss, its target tokens weighed as in training, or null when there is none.</summary>
    private double? ValidationLoss(List<TokenBatch> batches)
    {
        if (batches.Count == 0)
        {
            return null;
        }
        model.eval();
        using var noGrad = no_grad();
        double targetLoss = 0, otherLoss = 0;
        long targetTokens = 0, otherTokens = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var losses = TokenLosses(batch);
            var target = (losses * batch.TargetMask(device)).sum().item<float>();
            targetLoss += target;
            otherLoss += losses.sum().item<float>() - target;
            targetTokens += batch.TargetTokens;
            otherTokens += batch.PredictedTokens - batch.TargetTokens;
        }
        model.train();
        return LossMix.For(options.TargetLossShare, targetTokens, otherTokens).Mean(targetLoss, otherLoss);
    }

    /// <summary>Each predicted token's cross-entropy [rows, time]; padding positions are 0.</summary>
    private Tensor TokenLosses(TokenBatch batch)
    {
        var (inputs, targets) = batch.ToTensors(device);
        var logits = model.call(inputs);
        return nn.functional.cross_entropy(
            logits.view(-1, model.Config.VocabularySize), targets.view(-1),
            ignore_index: TokenBatch.IgnoredTarget, reduction: nn.Reduction.None).view(targets.shape);
    }

    private TokenBatch Batch(IReadOnlyList<int[]> sequences) =>
        new(sequences, corpus.PadId, corpus.TargetStart);

    private List<TokenBatch> ValidationBatches()
    {
        // Validation needs no gradients, so larger batches fit; sorting by length keeps padding low.
        var sequences = CheckedSequences(corpus.ValidationSequences, "validation");
        return sequences.OrderBy(sequence => sequence.Length)
            .Chunk(options.BatchSizeFor(sequences.Count) * 4)
            .Select(Batch)
            .ToList();
    }

    private IReadOnlyList<int[]> CheckedSequences(IReadOnlyList<int[]> sequences, string kind)
    {
        var context = model.Config.ContextLength;
        var unfit = sequences.Count(sequence => sequence.Length < 2 || sequence.Length - 1 > context);
        if (unfit > 0)
        {
            throw new ArgumentException($"{unfit} {kind} sequences have fewer than 2 tokens or more than the model's context of {context} plus one.");
        }
        return sequences;
    }

    /// <summary>AdamW with weight decay on matrices and embeddings only: decaying biases and LayerNorm gains only hurts.</summary>
    private AdamW CreateOptimizer()
    {
        var groups = new[]
        {
            new AdamW.ParamGroup(parameters.Where(p => p.dim() >= 2), new AdamW.Options { weight_decay = options.WeightDecay }),
            new AdamW.ParamGroup(parameters.Where(p => p.dim() < 2), new AdamW.Options { weight_decay = 0.0 }),
        };
        return optim.AdamW(groups, lr: options.PeakLearningRate, beta1: options.Beta1, beta2: options.Beta2);
    }

    /// <summary>Share of the budget spent: the largest of the epoch, token and time shares.</summary>
    private double BudgetSpent(double epochs)
    {
        var budget = options.Budget;
        var spent = epochs / budget.MaxEpochs;
        if (budget.MaxTokens is { } maxTokens)
        {
            spent = Math.Max(spent, (double)tokens / maxTokens);
        }
        if (budget.MaxDuration is { } maxDuration)
        {
            spent = Math.Max(spent, wallClock.Elapsed / maxDuration);
        }
        return Math.Clamp(spent, 0, 1);
    }

    private StopReason? MidEpochLimit()
    {
        var budget = options.Budget;
        if (tokens >= budget.MaxTokens)
        {
            return StopReason.TokenBudget;
        }
        if (wallClock.Elapsed >= budget.MaxDuration)
        {
            return StopReason.TimeBudget;
        }
        return null;
    }

    private double TokensPerSecond() => stepClock.Elapsed > TimeSpan.Zero ? tokens / stepClock.Elapsed.TotalSeconds : 0;

    private void Report(int epoch, double? validationLoss, double budgetSpent)
    {
        var elapsed = wallClock.Elapsed;
        var left = budgetSpent > 0 ? elapsed * ((1 - budgetSpent) / budgetSpent) : TimeSpan.Zero;
        // An epoch-end report can follow a step report at once; it then repeats the last mean, not NaN.
        if (stepsSinceReport > 0)
        {
            lastMeanLoss = lossSinceReport / stepsSinceReport;
        }
        report(new TrainingProgress(
            epoch, options.Budget.MaxEpochs, steps, lastMeanLoss, validationLoss, learningRate, TokensPerSecond(), elapsed, left));
        lossSinceReport = 0;
        stepsSinceReport = 0;
        reportClock.Restart();
    }
}
