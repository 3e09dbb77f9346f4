namespace PredLlm.Synth.Training;

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    EpochBudget,
    TokenBudget,
    TimeBudget,
    EarlyStopping,
}

/// <summary>What a training run did; saved with the model.</summary>
/// <param name="Options">The options the run used (its seed and matmul precision included).</param>
/// <param name="BatchSize">Sequences per step of the last epoch (as chosen when the options leave it open).</param>
/// <param name="Epochs">Epochs started (the last may be partial when a token or time budget ran out).</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="Tokens">Training tokens predicted (padding excluded).</param>
/// <param name="TrainingLoss">Mean training loss of the last epoch's steps.</param>
/// <param name="BestValidationLoss">Lowest validation loss seen, whose weights the model keeps; null without a validation set.</param>
/// <param name="BestEpoch">Epoch (from 1) of the kept weights.</param>
/// <param name="StopReason">Why training stopped.</param>
/// <param name="TokensPerSecond">Training tokens per second of the optimiser steps (validation excluded).</param>
/// <param name="Duration">Wall time of the whole run, validation included.</param>
public sealed record TrainingMetadata(
    TrainingOptions Options,
    int BatchSize,
    int Epochs,
    long Steps,
    long Tokens,
    double TrainingLoss,
    double? BestValidationLoss,
    int BestEpoch,
    StopReason StopReason,
    double TokensPerSecond,
    TimeSpan Duration);
