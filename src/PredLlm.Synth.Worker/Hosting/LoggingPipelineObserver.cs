using Microsoft.Extensions.Logging;
using PredLlm.Synth.Job;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Worker.Hosting;

/// <summary>
/// The pipeline's progress as structured log events: stages with their durations, one event per training
/// epoch (loss, validation loss, tokens/s, time left) and generation milestones. The run's table and run id
/// come from the processor's logging scope. Never a data value.
/// </summary>
public sealed partial class LoggingPipelineObserver(ILogger<LoggingPipelineObserver> logger) : IPipelineObserver
{
    private int lastEpochLogged;
    private int lastRowsDecile;

    public void StageStarted(string stage)
    {
        lastEpochLogged = 0;
        lastRowsDecile = 0;
        LogStageStarted(logger, stage);
    }

    public void StageFinished(string stage, TimeSpan elapsed) => LogStageFinished(logger, stage, elapsed.TotalSeconds);

    public void TrainingProgressed(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        // Epoch-ending reports carry the validation loss: one event per epoch is enough for a log.
        if (progress.ValidationLoss is { } validation && progress.Epoch > lastEpochLogged)
        {
            lastEpochLogged = progress.Epoch;
            LogEpoch(logger, progress.Epoch, progress.MaxEpochs, progress.TrainingLoss, validation, progress.TokensPerSecond, progress.EstimatedTimeLeft.TotalSeconds);
        }
    }

    public void RowsGenerated(int rows, int total)
    {
        var decile = total == 0 ? 10 : rows * 10 / total;
        if (decile > lastRowsDecile)
        {
            lastRowsDecile = decile;
            LogRows(logger, rows, total);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage {Stage} started")]
    private static partial void LogStageStarted(ILogger logger, string stage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage {Stage} finished in {Seconds:F1} s")]
    private static partial void LogStageFinished(ILogger logger, string stage, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training epoch {Epoch}/{MaxEpochs}: loss {Loss:F3}, validation {ValidationLoss:F3}, {TokensPerSecond:F0} tokens/s, {SecondsLeft:F0} s left at most")]
    private static partial void LogEpoch(ILogger logger, int epoch, int maxEpochs, double loss, double validationLoss, double tokensPerSecond, double secondsLeft);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated {Rows}/{Total} rows")]
    private static partial void LogRows(ILogger logger, int rows, int total);
}
