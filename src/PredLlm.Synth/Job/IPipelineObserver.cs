using PredLlm.Synth.Training;

namespace PredLlm.Synth.Job;

/// <summary>
/// Hears how a run is going, for a live progress line (CLI) or structured log events (worker). Carries
/// stage names, counts, losses and durations only: never a data value.
/// </summary>
public interface IPipelineObserver
{
    void StageStarted(string stage);

    void StageFinished(string stage, TimeSpan elapsed);

    void TrainingProgressed(TrainingProgress progress);

    void RowsGenerated(int rows, int total);
}

/// <summary>An observer that ignores everything (tests, benchmarks).</summary>
public sealed class SilentObserver : IPipelineObserver
{
    public static SilentObserver Instance { get; } = new();

    public void StageStarted(string stage) { }

    public void StageFinished(string stage, TimeSpan elapsed) { }

    public void TrainingProgressed(TrainingProgress progress) { }

    public void RowsGenerated(int rows, int total) { }
}
