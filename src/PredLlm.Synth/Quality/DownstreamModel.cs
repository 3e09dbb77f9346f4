using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>Trains gradient-boosted trees on one table's features and target and predicts another table's target rows.</summary>
internal static class DownstreamModel
{
    /// <param name="features">Columns the model reads (the target excluded).</param>
    /// <param name="requiredClasses">Classes the training table must hold; one it lacks makes the model score 0 (the paper's rule for a synthetic table with the wrong classes).</param>
    public static DownstreamPredictions TrainAndPredict(Table trainOn, Table scoreOn, DownstreamTarget target, IReadOnlyList<string> features, IReadOnlyCollection<string> requiredClasses, int seed)
    {
        ArgumentNullException.ThrowIfNull(trainOn);
        ArgumentNullException.ThrowIfNull(scoreOn);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(requiredClasses);
        foreach (var name in features.Where(name => scoreOn.IndexOf(name) < 0))
        {
            throw new BadInputException($"The table scored by the downstream model has no column '{name}'.");
        }

        var encoder = FeatureEncoder.Fit(trainOn, features);
        return target.Task == PredictionTask.Classification
            ? Classify(trainOn, scoreOn, target, encoder, requiredClasses, seed)
            : Regress(trainOn, scoreOn, target, encoder, seed);
    }

    private static DownstreamPredictions Classify(Table trainOn, Table scoreOn, DownstreamTarget target, FeatureEncoder encoder, IReadOnlyCollection<string> requiredClasses, int seed)
    {
        var (trainRows, trainClasses) = Present(target.ClassesOf(trainOn));
        var (scoreRows, scoreClasses) = Present(target.ClassesOf(scoreOn));
        if (scoreRows.Length == 0)
        {
            throw new BadInputException($"The scoring table has no row with a value in the target column '{target.Column}'.");
        }

        // The model knows the classes its table has; it gives the others no score at all.
        var known = trainClasses.Distinct().Order().ToArray();
        var missing = requiredClasses.Count(label => Array.IndexOf(known, target.IndexOf(label)) < 0);
        var classCount = target.Classes.Count;
        if (missing > 0 || known.Length < 2)
        {
            var silent = scoreRows.Select(_ => new double[classCount]).ToArray();
            return new DownstreamPredictions(scoreClasses, silent, classCount, Math.Max(missing, 1));
        }

        var local = trainClasses.Select(label => Array.IndexOf(known, label)).ToArray();
        var scorer = GradientBoostedTrees.TrainClassifier(Take(encoder.Encode(trainOn), trainRows), local, known.Length, seed);
        var localScores = scorer(Take(encoder.Encode(scoreOn), scoreRows));
        var scores = localScores.Select(row =>
        {
            var all = new double[classCount];
            Array.Fill(all, double.NegativeInfinity);
            for (var c = 0; c < known.Length; c++)
            {
                all[known[c]] = row[c];
            }

            return all;
        }).ToArray();
        return new DownstreamPredictions(scoreClasses, scores, classCount, missingClasses: 0);
    }

    private static DownstreamPredictions Regress(Table trainOn, Table scoreOn, DownstreamTarget target, FeatureEncoder encoder, int seed)
    {
        var trainValues = target.ValuesOf(trainOn);
        var scoreValues = target.ValuesOf(scoreOn);
        var trainRows = Rows(trainValues.Select(value => !double.IsNaN(value)));
        var scoreRows = Rows(scoreValues.Select(value => !double.IsNaN(value)));
        if (trainRows.Length == 0 || scoreRows.Length == 0)
        {
            throw new BadInputException($"A table of the downstream task has no row with a value in the target column '{target.Column}'.");
        }

        var scorer = GradientBoostedTrees.TrainRegressor(Take(encoder.Encode(trainOn), trainRows), [.. trainRows.Select(row => (float)trainValues[row])], seed);
        var predicted = scorer(Take(encoder.Encode(scoreOn), scoreRows));
        return new DownstreamPredictions([.. scoreRows.Select(row => scoreValues[row])], predicted);
    }

    private static (int[] Rows, int[] Classes) Present(int[] classes)
    {
        var rows = Rows(classes.Select(label => label >= 0));
        return (rows, [.. rows.Select(row => classes[row])]);
    }

    private static int[] Rows(IEnumerable<bool> keep) => [.. keep.Select((kept, row) => (kept, row)).Where(pair => pair.kept).Select(pair => pair.row)];

    private static float[][] Take(float[][] rows, int[] keep) => [.. keep.Select(row => rows[row])];
}
