using PredLlm.Synth.Model;

namespace PredLlm.Synth.Bench;

/// <summary>What <c>predllm bench speed</c> measured on this machine.</summary>
/// <param name="MatmulPeakGflops">Matmul peak in <paramref name="TrainingPrecision"/>, GFLOP/s.</param>
/// <param name="TrainingPrecision">The number format of the training's matrix products.</param>
/// <param name="TrainTokensPerSecond">Training tokens per second of the default model (padding excluded).</param>
/// <param name="ModelFlopUtilisation">6 x parameters x tokens/s over the matmul peak.</param>
/// <param name="GenerationRowsPerSecond">Synthetic rows per second, feature-conditional sampling and label querying included.</param>
/// <param name="ValidRowRate">Share of decoded rows that became valid rows.</param>
/// <param name="Parameters">Parameters of the default model.</param>
/// <param name="ValidationLoss">Validation loss (nats per token) after the fixed token budget.</param>
/// <param name="Layers">Depth of the default model.</param>
/// <param name="Width">Width of the default model.</param>
/// <param name="BatchSize">Sequences per optimiser step.</param>
/// <param name="Threads">TorchSharp threads used for both measurements.</param>
/// <param name="TrainingTokens">Tokens trained.</param>
/// <param name="TrainingSeconds">Wall time of the training, validation included.</param>
/// <param name="Corpus">Which table was trained on.</param>
/// <param name="LoadAverage">The machine's one-minute load average when the measurement started (other work competes for the cores); null where unknown.</param>
public sealed record SpeedReport(
    double MatmulPeakGflops,
    MatmulPrecision TrainingPrecision,
    double TrainTokensPerSecond,
    double ModelFlopUtilisation,
    double GenerationRowsPerSecond,
    double ValidRowRate,
    long Parameters,
    double ValidationLoss,
    int Layers,
    int Width,
    int BatchSize,
    int Threads,
    long TrainingTokens,
    double TrainingSeconds,
    string Corpus,
    double? LoadAverage);
