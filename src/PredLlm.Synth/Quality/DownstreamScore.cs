using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>A named statistic, such as ("accuracy", 0.85 [0.84, 0.86]).</summary>
public sealed record NamedEstimate(string Name, Estimate Estimate);

/// <summary>
/// How well a gradient-boosted model trained on one table predicts the target of another.
/// Classification: <see cref="DownstreamMetrics.Accuracy"/>, <see cref="DownstreamMetrics.MacroF1"/>,
/// <see cref="DownstreamMetrics.RocAuc"/> (one-vs-rest macro average for more than two classes).
/// Regression: <see cref="DownstreamMetrics.RSquared"/>, <see cref="DownstreamMetrics.MeanSquaredError"/>.
/// </summary>
/// <param name="MissingClasses">Classes the model had to know but its training table lacked; when above 0 every metric is 0 (the paper's rule).</param>
public sealed record DownstreamScore(PredictionTask Task, IReadOnlyList<NamedEstimate> Metrics, int MissingClasses)
{
    public Estimate this[string metric] => Metrics.FirstOrDefault(named => named.Name == metric)?.Estimate
        ?? throw new KeyNotFoundException($"A {Task} score has no metric '{metric}'.");
}

/// <summary>The metric names of a <see cref="DownstreamScore"/>.</summary>
public static class DownstreamMetrics
{
    public const string Accuracy = "accuracy";
    public const string MacroF1 = "macro_f1";
    public const string RocAuc = "roc_auc";
    public const string RSquared = "r2";
    public const string MeanSquaredError = "mse";

    public static IReadOnlyList<string> For(PredictionTask task) => task == PredictionTask.Classification
        ? [Accuracy, MacroF1, RocAuc]
        : [RSquared, MeanSquaredError];
}
