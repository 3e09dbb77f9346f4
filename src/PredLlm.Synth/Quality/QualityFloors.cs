using PredLlm.Synth.Policies;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// A policy's quality floor checked against a report. <see cref="Value"/> is NaN when the metric does
/// not apply to the table (range adherence without a numeric column); such a floor counts as met.
/// </summary>
public sealed record QualityFloorResult(string Metric, double Value, double Bound, bool IsMaximum, FloorAction Action)
{
    public bool Met => double.IsNaN(Value) || (IsMaximum ? Value <= Bound : Value >= Bound);
}

/// <summary>
/// Checks the policy's quality floors (<see cref="QualityFloor.KnownMetrics"/>) on the point estimates
/// of a <see cref="QualityReport"/>: the averages of column shapes and pair trends; the lowest category
/// and range adherence over the columns (one invented category anywhere counts); synthetic coverage;
/// the synthetic discriminator AUC; and the ML-efficacy ratio, the synthetic-trained model's accuracy
/// (R^2 for regression, negative R^2 counted as 0) over the real-trained one's.
/// </summary>
public static class QualityFloors
{
    public static IReadOnlyList<QualityFloorResult> Check(QualityReport report, IReadOnlyList<QualityFloor> floors)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(floors);
        return [.. floors.Select(floor => new QualityFloorResult(floor.Metric, ValueOf(report, floor.Metric), floor.Bound, floor.IsMaximum, floor.Action))];
    }

    public static double ValueOf(QualityReport report, string metric)
    {
        ArgumentNullException.ThrowIfNull(report);
        return metric switch
        {
            "columnShapes" => report.ColumnShapes.Average.Synthetic.Value,
            "columnPairTrends" => report.PairTrends.Average.Synthetic.Value,
            "categoryAdherence" => LowestAdherence(report, Adherence.CategoryAdherence),
            "rangeAdherence" => LowestAdherence(report, Adherence.RangeAdherence),
            "coverage" => report.DensityCoverage.Coverage.Synthetic.Value,
            "discriminatorAuc" => report.Discriminator.SyntheticVsTrain.Value,
            "mlEfficacyRatio" => EfficacyRatio(report.MlEfficacy),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a quality metric a floor can be set on."),
        };
    }

    private static double LowestAdherence(QualityReport report, string kind)
    {
        var values = report.Adherence.Columns.Where(column => column.Metric == kind).Select(column => column.Score.Synthetic.Value).Where(value => !double.IsNaN(value)).ToArray();
        return values.Length > 0 ? values.Min() : double.NaN;
    }

    private static double EfficacyRatio(MlEfficacyResult efficacy)
    {
        var metric = efficacy.Task == PredictionTask.Classification ? DownstreamMetrics.Accuracy : DownstreamMetrics.RSquared;
        var real = efficacy.TrainedOnReal[metric].Value;
        var synthetic = Math.Max(0, efficacy.TrainedOnSynthetic[metric].Value);
        return real > 0 ? synthetic / real : double.NaN;
    }
}
