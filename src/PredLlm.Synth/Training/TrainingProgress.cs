namespace PredLlm.Synth.Training;

/// <summary>A snapshot of a running training, for a live progress line or a log entry.</summary>
/// <param name="Epoch">The epoch under way, from 1.</param>
/// <param name="MaxEpochs">The epoch budget.</param>
/// <param name="Step">Optimiser steps taken so far.</param>
/// <param name="TrainingLoss">Mean training loss (nats per token) of the steps since the previous report.</param>
/// <param name="ValidationLoss">Validation loss, set on the report that ends an epoch when there is a validation set.</param>
/// <param name="LearningRate">Learning rate of the latest step.</param>
/// <param name="TokensPerSecond">Training tokens per second of optimiser steps so far.</param>
/// <param name="Elapsed">Wall time since training started.</param>
/// <param name="EstimatedTimeLeft">Time until the budget is spent at the current pace; early stopping may end sooner.</param>
public sealed record TrainingProgress(
    int Epoch,
    int MaxEpochs,
    long Step,
    double TrainingLoss,
    double? ValidationLoss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan EstimatedTimeLeft);
