namespace PredLlm.Synth.Quality;

/// <summary>
/// ML efficacy: the same gradient-boosted model trained once on the synthetic table and once on the
/// real train split, both scored on the real holdout. <see cref="Gap"/> is synthetic minus real, with
/// a paired interval (both models scored on the same holdout resamples).
/// </summary>
public sealed record MlEfficacyResult(string Target, PredictionTaskKind Task, DownstreamScore TrainedOnSynthetic, DownstreamScore TrainedOnReal, DownstreamScore Gap, int HoldoutRows);

/// <summary>The Pred-LLM paper's headline metric ("train on synthetic, test on real"), beside its real-data reference.</summary>
internal static class MlEfficacy
{
    private const int Stream = 6;

    public static MlEfficacyResult Evaluate(AlignedTables tables, string target, PredictionTaskKind? task, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var resolved = DownstreamTarget.Resolve(target, tables.Train, task, tables.Holdout, tables.Synthetic);
        IReadOnlyCollection<string> required = resolved.Task == PredictionTaskKind.Classification
            ? [.. DownstreamTarget.Labels(tables.Train, target)]
            : [];
        if (resolved.Task == PredictionTaskKind.Classification && required.Count < 2)
        {
            throw new BadInputException($"The target column '{target}' has fewer than two classes in the train table: there is nothing to predict.");
        }

        var synthetic = DownstreamModel.TrainAndPredict(tables.Synthetic, tables.Holdout, resolved, required, bootstrap.Seed);
        var real = DownstreamModel.TrainAndPredict(tables.Train, tables.Holdout, resolved, required, bootstrap.Seed);
        var scores = DownstreamEvaluation.Score([synthetic, real], bootstrap, Stream);
        return new MlEfficacyResult(target, resolved.Task, scores[0], scores[1], scores[2], synthetic.Rows);
    }
}
