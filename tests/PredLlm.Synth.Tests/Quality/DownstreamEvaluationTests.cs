using PredLlm.Synth.Quality;
using PredLlm.Synth.Tables;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class DownstreamEvaluationTests
{
    /// <summary>Features x, colour; a label that x decides (with 5% noise) among the given classes, and a numeric target y = 3x + noise.</summary>
    private static Table Labelled(int rows, int seed, params string[] classes)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, rows).Select(_ => Gaussian(random)).ToArray();
        var colour = x.Select(_ => random.NextDouble() < 0.5 ? "red" : "blue").ToArray();
        var label = x.Select(value =>
        {
            var band = Math.Clamp((int)Math.Floor((value + 1.5) / 3 * classes.Length), 0, classes.Length - 1);
            return random.NextDouble() < 0.95 ? classes[band] : classes[random.Next(classes.Length)];
        }).ToArray();
        var y = x.Select(value => (3 * value) + (0.2 * Gaussian(random))).ToArray();
        return Table(Reals("x", x), Texts("colour", colour), Reals("y", y), Texts("label", label));
    }

    private static Table WithoutColumn(Table table, string name) => table.SelectColumns(table.Columns.Select(c => c.Name).Where(n => n != name));

    [Fact]
    public void A_model_trained_on_real_rows_predicts_a_learnable_label_well()
    {
        var score = DownstreamEvaluation.TrainAndScore(WithoutColumn(Labelled(600, 1, "no", "yes"), "y"), WithoutColumn(Labelled(300, 2, "no", "yes"), "y"), "label", new DownstreamOptions(BootstrapReplicates: 50));

        Assert.Equal(PredictionTask.Classification, score.Task);
        Assert.Equal(0, score.MissingClasses);
        Assert.True(score[DownstreamMetrics.Accuracy].Value > 0.85, $"accuracy {score[DownstreamMetrics.Accuracy]}");
        Assert.True(score[DownstreamMetrics.MacroF1].Value > 0.8);
        Assert.True(score[DownstreamMetrics.RocAuc].Value > 0.9);
        Assert.True(score[DownstreamMetrics.Accuracy].HasInterval);
    }

    [Fact]
    public void A_training_table_missing_a_class_scores_zero()
    {
        var real = WithoutColumn(Labelled(300, 2, "a", "b", "c"), "y");
        var incomplete = WithoutColumn(Labelled(600, 1, "a", "b"), "y");

        var score = DownstreamEvaluation.TrainAndScore(incomplete, real, "label", new DownstreamOptions(BootstrapReplicates: 20));

        Assert.Equal(1, score.MissingClasses);
        Assert.All(score.Metrics, metric => Assert.Equal(0.0, metric.Estimate.Value));
    }

    [Fact]
    public void Three_classes_get_a_one_versus_rest_macro_auc()
    {
        var score = DownstreamEvaluation.TrainAndScore(WithoutColumn(Labelled(900, 1, "a", "b", "c"), "y"), WithoutColumn(Labelled(300, 2, "a", "b", "c"), "y"), "label", new DownstreamOptions(BootstrapReplicates: 20));

        Assert.True(score[DownstreamMetrics.Accuracy].Value > 0.8, $"accuracy {score[DownstreamMetrics.Accuracy]}");
        Assert.True(score[DownstreamMetrics.RocAuc].Value > 0.9, $"auc {score[DownstreamMetrics.RocAuc]}");
    }

    [Fact]
    public void A_numeric_target_is_a_regression_scored_by_r2_and_mse()
    {
        var train = WithoutColumn(Labelled(600, 1, "no", "yes"), "label");
        var test = WithoutColumn(Labelled(300, 2, "no", "yes"), "label");

        var score = DownstreamEvaluation.TrainAndScore(train, test, "y", new DownstreamOptions(BootstrapReplicates: 20));

        Assert.Equal(PredictionTask.Regression, score.Task);
        Assert.True(score[DownstreamMetrics.RSquared].Value > 0.9, $"r2 {score[DownstreamMetrics.RSquared]}");
        Assert.InRange(score[DownstreamMetrics.MeanSquaredError].Value, 0, 1);
    }

    [Fact]
    public void Ml_efficacy_of_an_uninformative_synthetic_table_falls_far_below_the_real_model()
    {
        var train = WithoutColumn(Labelled(600, 1, "no", "yes"), "y");
        var holdout = WithoutColumn(Labelled(300, 2, "no", "yes"), "y");
        var fresh = WithoutColumn(Labelled(600, 3, "no", "yes"), "y");
        var shuffledLabels = new Table([.. fresh.Columns.Take(2), ShuffledColumns(fresh.SelectColumns(["label"]), seed: 4)[0]]);

        var good = MlEfficacy.Evaluate(Align(train, holdout, fresh), "label", null, Bootstrap());
        var bad = MlEfficacy.Evaluate(Align(train, holdout, shuffledLabels), "label", null, Bootstrap());

        Assert.InRange(good.Gap[DownstreamMetrics.Accuracy].Value, -0.05, 0.05);
        Assert.True(bad.Gap[DownstreamMetrics.Accuracy].Upper < -0.2, $"gap {bad.Gap[DownstreamMetrics.Accuracy]}");
        Assert.InRange(bad.TrainedOnSynthetic[DownstreamMetrics.RocAuc].Value, 0.35, 0.65);
        Assert.Equal(300, bad.HoldoutRows);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model()
    {
        var train = WithoutColumn(Labelled(400, 1, "no", "yes"), "y");
        var test = WithoutColumn(Labelled(200, 2, "no", "yes"), "y");

        var first = DownstreamEvaluation.TrainAndScore(train, test, "label", new DownstreamOptions(Seed: 3, BootstrapReplicates: 10));
        var second = DownstreamEvaluation.TrainAndScore(train, test, "label", new DownstreamOptions(Seed: 3, BootstrapReplicates: 10));

        Assert.Equal(first.Metrics, second.Metrics);
    }
}
