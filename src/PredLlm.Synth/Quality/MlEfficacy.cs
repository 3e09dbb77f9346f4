using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// ML efficacy: the same gradient-boosted model trained once on the synthetic table and once on the
/// real train split, both scored on the real holdout. <see cref="Gap"/> is synthetic minus real, with
/// a paired interval (both models scored on the same holdout resamples).
/// </summary>
public sealed record MlEfficacyResult(string Target, PredictionTask Task, DownstreamScore TrainedOnSynthetic, DownstreamScore TrainedOnReal, DownstreamScore Gap, int HoldoutRows);

/// <summary>The Pred-LLM paper's headline metric ("train on synthetic, test on real"), beside its real-data reference.</summary>
internal static class MlEfficacy
{
    private const int Stream = 6;

    public static MlEfficacyResult Evaluate(AlignedTables tables, string target, PredictionTask? task, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var resolved = DownstreamTarget.Resolve(target, tables.Train, task, tables.Holdout, tables.Synthetic);
        IReadOnlyCollection<string> required = resolved.Task == PredictionTask.Classification
            ? [.. DownstreamTarget.Labels(tables.Train, target)]
            : [];
        if (resolved.Task == PredictionTask.Classification && required.Count < 2)
        {
            throw new BadInputException($"The target column '{target}' has fewer than two classes in the train table: there is nothing to predict.");
        }

        // Identifier-like columns are no features: they are dropped or replaced by fresh values.
        var features = tables.Columns.Select(column => column.Name).Where(name => name != target).ToArray();
        var synthetic = DownstreamModel.TrainAndPredict(tables.Synthetic, tables.Holdout, resolved, features, required, bootstrap.Seed);
        var real = DownstreamModel.TrainAndPredict(tables.Train, tables.Holdout, resolved, features, required, bootstrap.Seed);
        var scores = DownstreamEvaluation.Score([synthetic, real], bootstrap, Stream);
        return new MlEfficacyResult(target, resolved.Task, scores[0], scores[1], scores[2], synthetic.Rows);
    }
}
