using System.Globalization;
using PredLlm.Synth.Job;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Cli;

/// <summary>
/// A live progress line on the terminal: the stage, then epochs, loss, tokens/s and time left while
/// training, rows while generating. Redrawn in place; each finished stage gets its own line.
/// </summary>
internal sealed class ProgressLine(TextWriter terminal) : IPipelineObserver
{
    private readonly Lock gate = new();
    private string stage = "";

    public void StageStarted(string stage)
    {
        lock (gate)
        {
            this.stage = stage;
            Draw($"{stage}...");
        }
    }

    public void StageFinished(string stage, TimeSpan elapsed)
    {
        lock (gate)
        {
            Draw(string.Create(CultureInfo.InvariantCulture, $"{stage}: done in {elapsed.TotalSeconds:F1} s"));
            terminal.WriteLine();
        }
    }

    public void TrainingProgressed(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var validation = progress.ValidationLoss is { } loss ? string.Create(CultureInfo.InvariantCulture, $", validation {loss:F3}") : "";
        lock (gate)
        {
            Draw(string.Create(CultureInfo.InvariantCulture,
                $"{stage}: epoch {progress.Epoch}/{progress.MaxEpochs}, loss {progress.TrainingLoss:F3}{validation}, {progress.TokensPerSecond:F0} tokens/s, {progress.EstimatedTimeLeft:hh\\:mm\\:ss} left"));
        }
    }

    public void RowsGenerated(int rows, int total)
    {
        lock (gate)
        {
            Draw(string.Create(CultureInfo.InvariantCulture, $"{stage}: {rows}/{total} rows"));
        }
    }

    private void Draw(string text) => terminal.Write($"\r{text,-100}");
}
