using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// Evaluates a synthetic table against the real train split and holdout: every quality metric of
/// PRIVACY-GATE.md ("Quality"), each step timed as "quality.&lt;metric&gt;". The tables must share the
/// train split's columns; anything else is a <see cref="BadInputException"/>.
/// </summary>
public static class QualityEvaluator
{
    public static QualityReport Evaluate(Table train, Table holdout, Table synthetic, QualityOptions? options = null, StageTimings? timings = null)
    {
        options ??= new QualityOptions();
        timings ??= new StageTimings();
        var tables = timings.Measure("quality.prepare", () => new AlignedTables(train, holdout, synthetic));
        var target = options.Target ?? train.Columns[^1].Name;
        if (train.IndexOf(target) < 0 || holdout.IndexOf(target) < 0 || synthetic.IndexOf(target) < 0)
        {
            throw new BadInputException($"The target column '{target}' is not in every table.");
        }

        var bootstrap = new Bootstrap(options.BootstrapReplicates, options.Seed);
        var settings = new QualitySettings(
            options.Seed,
            options.BootstrapReplicates,
            tables.TrainRows,
            tables.HoldoutRows,
            tables.SyntheticRows,
            AlignedColumn.NumericLevels,
            AlignedColumn.CategoryLevels);
        return new QualityReport(
            settings,
            tables.IdentifierColumns,
            timings.Measure("quality.distributions", () => tables.Columns.Select(ColumnDistributions.Of).ToArray()),
            timings.Measure("quality.column_shapes", () => ColumnShapes.Evaluate(tables, bootstrap)),
            timings.Measure("quality.pair_trends", () => PairTrends.Evaluate(tables, bootstrap)),
            timings.Measure("quality.null_rates", () => NullRates.Evaluate(tables, bootstrap)),
            timings.Measure("quality.adherence", () => Adherence.Evaluate(tables, bootstrap)),
            timings.Measure("quality.inverse_kl", () => InverseKl.Evaluate(tables, bootstrap)),
            timings.Measure("quality.density_coverage", () => DensityCoverage.Evaluate(tables, bootstrap)),
            timings.Measure("quality.discriminator", () => Discriminator.Evaluate(tables, bootstrap)),
            timings.Measure("quality.ml_efficacy", () => MlEfficacy.Evaluate(tables, target, options.Task, bootstrap)));
    }
}
