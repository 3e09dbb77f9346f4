using PredLlm.Synth.Model;

namespace PredLlm.Synth.Training;

/// <summary>
/// When training stops at the latest: after <see cref="MaxEpochs"/> epochs, <see cref="MaxTokens"/> trained
/// tokens or <see cref="MaxDuration"/> of wall time, whichever comes first. The learning-rate schedule runs
/// over the same budget. A time limit makes where training stops (and so the model) depend on the machine's
/// speed; epochs and tokens keep a run reproducible.
/// </summary>
public sealed record TrainingBudget(int MaxEpochs = 50, long? MaxTokens = null, TimeSpan? MaxDuration = null)
{
    public void Validate()
    {
        if (MaxEpochs < 1) throw new ArgumentException($"The budget must allow at least one epoch, not {MaxEpochs}.");
        if (MaxTokens is < 1) throw new ArgumentException($"A token budget must be positive, not {MaxTokens}.");
        if (MaxDuration is { } duration && duration <= TimeSpan.Zero) throw new ArgumentException($"A time budget must be positive, not {duration}.");
    }
}

/// <summary>How a model is trained; the defaults suit a small model trained from scratch on one table.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the batch order, the corpus's per-epoch variation and dropout.</summary>
    public int Seed { get; init; }

    public TrainingBudget Budget { get; init; } = new();

    /// <summary>Sequences per optimiser step; null lets <see cref="BatchSizeFor"/> choose from the corpus size.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Learning rate at the end of warm-up.</summary>
    public double PeakLearningRate { get; init; } = 1e-3;

    /// <summary>Learning rate reached at the end of the cosine decay, as a fraction of the peak.</summary>
    public double FinalLearningRateFraction { get; init; } = 0.1;

    /// <summary>Share of the budget spent warming the learning rate up linearly from zero.</summary>
    public double WarmupFraction { get; init; } = 0.02;

    /// <summary>AdamW decoupled weight decay, applied to matrices and embeddings only (not to biases or LayerNorm gains).</summary>
    public double WeightDecay { get; init; } = 0.1;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.99;

    /// <summary>Gradients are rescaled when their global L2 norm exceeds this.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>
    /// Epochs without a better validation loss before training stops (the best weights are kept, so more
    /// patience costs time, never the loss). Fifteen: a row's loss is mostly its features', which level off
    /// early, while a feature-to-label rule can take many more epochs. On balance_scale the validation loss
    /// stalls for about five epochs before the model finds the rule; stopped there (patience five), its labels
    /// gave TSTR 0.52 against TRTR 0.83, trained on (patience ten or more) 0.85-0.89 in six runs out of six.
    /// With three, a model also put 29% on null for a column with 22% nulls.
    /// </summary>
    public int Patience { get; init; } = 15;

    /// <summary>
    /// The least share of the loss the target's tokens carry (its value and the end after it): below it, the loss
    /// is (1 - share) x the mean over the other tokens + share x the mean over the target's; a target that already
    /// has that share keeps the plain mean, and null weighs every token alike. Early stopping watches the same
    /// mixed loss, so the label weighs as much in choosing the kept epoch as in training. Pred-LLM asks the model
    /// for every synthetic label, so the model is also the labelling classifier; in a row of 40 features the
    /// target is 2 tokens in 200 and, unweighted, gets too little of the gradient to be learned within a budget.
    /// At 0.3, in the 20-table benchmark at 5 minutes per model, TSTR rose from 0.385 to 0.819 on waveform (TRTR
    /// 0.864), from 0.684 to 0.811 on cardiotocography and from 0.643 to 1.000 on steel_plates_fault, whose label
    /// is a plain function of six one-hot columns that the unweighted model never picked up. At 0.5 phoneme
    /// overfit sooner (best epoch 4 instead of 7) and labelled worse.
    /// </summary>
    public double? TargetLossShare { get; init; } = 0.3;

    /// <summary>
    /// Epochs after which a step's weights count half in the moving average of the weights (<see cref="WeightAverage"/>)
    /// that is validated and kept instead of the last weights; null keeps the last weights. One epoch: on the
    /// seed-1 and seed-2 splits of diabetes, blood_transfusion, australian and kc2 (eight paired trainings, at
    /// most 50 epochs and 5 minutes) the average had the lower validation loss in seven and the higher TSTR in seven,
    /// 3.8 points more on average, and TSTR came within a point of TRTR in seven of the eight instead of two.
    /// </summary>
    public double? WeightAverageHalfLife { get; init; } = 1;

    /// <summary>
    /// The number format of the matrix products in training (<see cref="Model.MatmulPrecision"/>); null takes the
    /// faster on the training device, measured (<see cref="MatmulPrecisions.Fastest"/>). The trained model's
    /// metadata records the one used.
    /// </summary>
    public MatmulPrecision? MatmulPrecision { get; init; }

    /// <summary>Intra-op threads for TorchSharp; the machine's cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Least time between two progress reports within an epoch (each epoch's end is always reported).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The batch size for an epoch of <paramref name="sequencesPerEpoch"/> sequences: <see cref="BatchSize"/>
    /// when set, otherwise the largest of 64, 32, 16 and 8 that still leaves 32 steps per epoch. Big batches
    /// keep both cores busy (64 trained about 12% faster than 32 on the 2-core machine); small tables keep
    /// enough steps per epoch to learn from.
    /// </summary>
    public int BatchSizeFor(int sequencesPerEpoch)
    {
        if (BatchSize is { } fixedSize)
        {
            return fixedSize;
        }
        const int minStepsPerEpoch = 32;
        var size = 64;
        while (size > 8 && sequencesPerEpoch / size < minStepsPerEpoch)
        {
            size /= 2;
        }
        return size;
    }

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Budget);
        Budget.Validate();
        if (BatchSize is < 1) throw new ArgumentException($"The batch size must be positive, not {BatchSize}.");
        if (PeakLearningRate <= 0) throw new ArgumentException($"The learning rate must be positive, not {PeakLearningRate}.");
        if (FinalLearningRateFraction is < 0 or > 1) throw new ArgumentException($"The final learning-rate fraction must lie in [0, 1], not {FinalLearningRateFraction}.");
        if (WarmupFraction is < 0 or >= 1) throw new ArgumentException($"The warm-up fraction must lie in [0, 1), not {WarmupFraction}.");
        if (TargetLossShare is <= 0 or >= 1) throw new ArgumentException($"The target's loss share must lie in (0, 1), not {TargetLossShare}.");
        if (WeightAverageHalfLife is <= 0) throw new ArgumentException($"The weight average's half-life must be positive, not {WeightAverageHalfLife}.");
        if (Patience < 1) throw new ArgumentException($"Patience must be at least one epoch, not {Patience}.");
        if (Threads < 1) throw new ArgumentException($"At least one thread is needed, not {Threads}.");
    }
}
