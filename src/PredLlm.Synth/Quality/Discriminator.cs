using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// How well gradient-boosted trees tell the synthetic table from real train rows (cross-validated ROC
/// AUC; 0.5 = indistinguishable, 1 = always told apart), beside the same for holdout rows against
/// train rows: the AUC real data reaches against itself.
/// </summary>
public sealed record DiscriminatorResult(Estimate SyntheticVsTrain, Estimate HoldoutVsTrain, int RowsPerSide, int Folds);

/// <summary>
/// The discriminator: equal-sized seeded samples of each side (at most <see cref="MaxRowsPerSide"/>
/// rows, the smallest table bounds the others so both AUCs see the same sizes), all columns encoded as
/// features, stratified <see cref="Folds"/>-fold cross-validation; the AUC of the pooled out-of-fold
/// probabilities, with an interval from resampling them.
/// </summary>
internal static class Discriminator
{
    public const int Folds = 5;
    public const int MaxRowsPerSide = 10_000;
    private const int Stream = 7;

    public static DiscriminatorResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var rows = Math.Min(MaxRowsPerSide, Math.Min(tables.TrainRows, Math.Min(tables.HoldoutRows, tables.SyntheticRows)));
        if (rows < 2 * Folds)
        {
            var none = Estimate.Exact(double.NaN);
            return new DiscriminatorResult(none, none, rows, Folds);
        }

        var seed = Seeds.Derive(bootstrap.Seed, Stream);
        var train = Sample(tables.Train, rows, Seeds.Random(seed, 0));
        var holdout = Sample(tables.Holdout, rows, Seeds.Random(seed, 1));
        var synthetic = Sample(tables.Synthetic, rows, Seeds.Random(seed, 2));
        var encoder = FeatureEncoder.Fit(train, tables.Columns.Select(column => column.Name));
        var trainFeatures = encoder.Encode(train);

        var syntheticAuc = OutOfFoldAuc(trainFeatures, encoder.Encode(synthetic), seed);
        var holdoutAuc = OutOfFoldAuc(trainFeatures, encoder.Encode(holdout), seed);
        var outputs = bootstrap.Run([2 * rows, 2 * rows], 2, Stream, (weights, output) =>
        {
            output[0] = syntheticAuc.Compute(weights[0]);
            output[1] = holdoutAuc.Compute(weights[1]);
        });
        return new DiscriminatorResult(outputs[0], outputs[1], rows, Folds);
    }

    private static Table Sample(Table table, int rows, Random random) =>
        table.RowCount == rows ? table : table.TakeRows(Seeds.Sample(table.RowCount, rows, random));

    /// <summary>Real rows (label 0) against other rows (label 1): each row scored by the model trained on the folds it is not in.</summary>
    private static RocAuc OutOfFoldAuc(float[][] real, float[][] other, int seed)
    {
        float[][] features = [.. real, .. other];
        int[] labels = [.. real.Select(_ => 0), .. other.Select(_ => 1)];
        var fold = StratifiedFolds(labels, new Random(seed));
        var scores = new double[features.Length];
        for (var f = 0; f < Folds; f++)
        {
            var fit = Enumerable.Range(0, features.Length).Where(row => fold[row] != f).ToArray();
            var held = Enumerable.Range(0, features.Length).Where(row => fold[row] == f).ToArray();
            var scorer = GradientBoostedTrees.TrainClassifier([.. fit.Select(row => features[row])], [.. fit.Select(row => labels[row])], 2, seed);
            var heldScores = scorer([.. held.Select(row => features[row])]);
            for (var i = 0; i < held.Length; i++)
            {
                scores[held[i]] = heldScores[i][1];
            }
        }

        return new RocAuc(scores, [.. labels.Select(label => label == 1)]);
    }

    /// <summary>A fold per row, each label spread evenly over the folds in a seeded order.</summary>
    private static int[] StratifiedFolds(int[] labels, Random random)
    {
        var fold = new int[labels.Length];
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(row => labels[row]))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            for (var i = 0; i < members.Length; i++)
            {
                fold[members[i]] = i % Folds;
            }
        }

        return fold;
    }
}
