namespace PredLlm.Synth.Quality;

/// <summary>
/// Share of present values that stay within what the train split holds: its categories
/// (<see cref="Adherence.CategoryAdherence"/>) or its [min, max] range (<see cref="Adherence.RangeAdherence"/>).
/// The reference is the same share for holdout rows, real rows the model never saw.
/// </summary>
public sealed record ColumnAdherence(string Column, string Metric, ComparedScore Score);

public sealed record AdherenceResult(IReadOnlyList<ColumnAdherence> Columns, ComparedScore Average);

/// <summary>Category and range adherence, as SDMetrics defines them. The train split's categories and range are held fixed; intervals come from resampling the other table.</summary>
internal static class Adherence
{
    public const string CategoryAdherence = "category_adherence";
    public const string RangeAdherence = "range_adherence";
    private const int Stream = 4;

    public static AdherenceResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var statistics = tables.Columns.Select(column =>
        {
            var synthetic = InTrainDomain(column, column.Synthetic);
            var holdout = InTrainDomain(column, column.Holdout);
            return (PerColumnScores.ColumnStatistic)(weights =>
                (Share(synthetic, weights[ComparedSamples.Synthetic]), Share(holdout, weights[ComparedSamples.Holdout])));
        }).ToArray();
        var (scores, average) = PerColumnScores.Run(tables, bootstrap, Stream, statistics);
        var columns = tables.Columns
            .Select((column, c) => new ColumnAdherence(column.Name, column.IsCategorical ? CategoryAdherence : RangeAdherence, scores[c]))
            .ToArray();
        return new AdherenceResult(columns, average);
    }

    /// <summary>Present synthetic values of categorical columns that no train row holds, over every such column.</summary>
    public static int UnseenCategoryCount(AlignedTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Columns.Where(column => column.IsCategorical)
            .Sum(column => InTrainDomain(column, column.Synthetic).Count(inside => inside == 0));
    }

    /// <summary>Per row: 1 inside the train domain, 0 outside, -1 missing (not counted).</summary>
    private static sbyte[] InTrainDomain(AlignedColumn column, ColumnSample sample)
    {
        var inside = new sbyte[sample.Count];
        if (column.IsCategorical)
        {
            for (var row = 0; row < inside.Length; row++)
            {
                var code = sample.Codes![row];
                inside[row] = code < 0 ? (sbyte)-1 : code < column.Categories!.TrainCategoryCount ? (sbyte)1 : (sbyte)0;
            }

            return inside;
        }

        var train = Quantiles.SortedFinite(column.Train.Numbers!);
        var (min, max) = train.Length == 0 ? (double.NaN, double.NaN) : (train[0], train[^1]);
        for (var row = 0; row < inside.Length; row++)
        {
            var value = sample.Numbers![row];
            inside[row] = double.IsNaN(value) ? (sbyte)-1 : value >= min && value <= max ? (sbyte)1 : (sbyte)0;
        }

        return inside;
    }

    private static double Share(sbyte[] inside, int[] weights)
    {
        double counted = 0, within = 0;
        for (var row = 0; row < inside.Length; row++)
        {
            if (inside[row] >= 0)
            {
                counted += weights[row];
                within += inside[row] * weights[row];
            }
        }

        return counted > 0 ? within / counted : double.NaN;
    }
}
