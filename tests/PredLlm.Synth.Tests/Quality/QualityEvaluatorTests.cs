using PredLlm.Synth.Quality;
using PredLlm.Synth.Tables;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class QualityEvaluatorTests
{
    [Fact]
    public void Every_metric_is_measured_and_timed_with_the_last_column_as_default_target()
    {
        var timings = new StageTimings();

        var report = QualityEvaluator.Evaluate(Correlated(300, seed: 1), Correlated(200, seed: 2), Correlated(300, seed: 3), new QualityOptions(BootstrapReplicates: 20), timings);

        Assert.Equal("group", report.MlEfficacy.Target);
        Assert.Equal(PredictionTask.Classification, report.MlEfficacy.Task);
        Assert.Equal(3, report.Distributions.Count);
        Assert.Equal(3, report.PairTrends.Pairs.Count);
        Assert.Equal((300, 200, 300), (report.Settings.TrainRows, report.Settings.HoldoutRows, report.Settings.SyntheticRows));
        Assert.Equal(
            ["quality.prepare", "quality.distributions", "quality.column_shapes", "quality.pair_trends", "quality.null_rates", "quality.adherence",
             "quality.inverse_kl", "quality.density_coverage", "quality.discriminator", "quality.ml_efficacy"],
            timings.Stages.Select(stage => stage.Stage));
    }

    [Fact]
    public void Identifier_like_columns_are_listed_not_compared_and_may_be_missing_from_the_synthetic_table()
    {
        var real = Correlated(300, seed: 1);
        var withIds = new Table([Texts("email", Enumerable.Range(0, 300).Select(i => $"person{i}@example.org")), .. real.Columns]);

        var report = QualityEvaluator.Evaluate(withIds, withIds, Correlated(300, seed: 3), new QualityOptions(BootstrapReplicates: 10));

        Assert.Equal(["email"], report.IdentifierColumns);
        Assert.Equal(["x", "y", "group"], report.ColumnShapes.Columns.Select(shape => shape.Column));
    }

    [Fact]
    public void An_unknown_target_is_bad_input()
    {
        var table = Correlated(50, seed: 1);

        var error = Assert.Throws<BadInputException>(() => QualityEvaluator.Evaluate(table, table, table, new QualityOptions(Target: "nope")));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }
}
