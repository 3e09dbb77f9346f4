namespace PredLlm.Synth.Quality;

/// <summary>How closely one column's values are distributed like the real ones.</summary>
/// <param name="Metric"><see cref="ColumnShapes.KsComplement"/> or <see cref="ColumnShapes.TvComplement"/>.</param>
public sealed record ColumnShape(string Column, QualityColumnKind Kind, string Metric, ComparedScore Score);

public sealed record ColumnShapesResult(IReadOnlyList<ColumnShape> Columns, ComparedScore Average);

/// <summary>
/// Column shapes, as SDMetrics defines them: for numeric and datetime columns 1 minus the
/// Kolmogorov-Smirnov statistic (the largest gap between the two empirical CDFs), for categorical
/// columns 1 minus the total variation distance of the category frequencies. 1 is identical, 0 disjoint.
/// Missing values are left out (their rate is compared by <see cref="NullRates"/>).
/// </summary>
internal static class ColumnShapes
{
    public const string KsComplement = "ks_complement";
    public const string TvComplement = "tv_complement";
    private const int Stream = 1;

    public static ColumnShapesResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var statistics = tables.Columns.Select(IndexedColumn.Of).Select(column => (PerColumnScores.ColumnStatistic)column.Complements).ToArray();
        var (scores, average) = PerColumnScores.Run(tables, bootstrap, Stream, statistics);
        var shapes = tables.Columns
            .Select((column, c) => new ColumnShape(column.Name, column.Kind, column.IsCategorical ? TvComplement : KsComplement, scores[c]))
            .ToArray();
        return new ColumnShapesResult(shapes, average);
    }

    /// <summary>
    /// A column's values as positions in one support shared by the three samples: the sorted
    /// distinct numbers (so the KS sweep runs over tallies, O(rows) per replicate) or the category codes.
    /// </summary>
    private sealed class IndexedColumn
    {
        private readonly int[] _train, _holdout, _synthetic;
        private readonly int _supportSize;
        private readonly bool _ordered;

        private IndexedColumn(int[] train, int[] holdout, int[] synthetic, int supportSize, bool ordered)
        {
            (_train, _holdout, _synthetic, _supportSize, _ordered) = (train, holdout, synthetic, supportSize, ordered);
        }

        public static IndexedColumn Of(AlignedColumn column)
        {
            if (column.IsCategorical)
            {
                return new IndexedColumn(column.Train.Codes!, column.Holdout.Codes!, column.Synthetic.Codes!, column.Categories!.Count, ordered: false);
            }

            var support = Quantiles.SortedFinite([.. column.Train.Numbers!, .. column.Holdout.Numbers!, .. column.Synthetic.Numbers!]);
            var distinct = support.Distinct().ToArray();
            return new IndexedColumn(Positions(column.Train.Numbers!, distinct), Positions(column.Holdout.Numbers!, distinct), Positions(column.Synthetic.Numbers!, distinct), distinct.Length, ordered: true);
        }

        /// <summary>1 - distance for (synthetic vs train, holdout vs train).</summary>
        public (double Synthetic, double Reference) Complements(IReadOnlyList<int[]> weights)
        {
            var train = new double[_supportSize];
            var other = new double[_supportSize];
            var trainTotal = WeightedTally.Count(_train, weights[ComparedSamples.Train], train);
            var syntheticTotal = WeightedTally.Count(_synthetic, weights[ComparedSamples.Synthetic], other);
            var synthetic = 1 - Distance(train, trainTotal, other, syntheticTotal);
            var holdoutTotal = WeightedTally.Count(_holdout, weights[ComparedSamples.Holdout], other);
            var reference = 1 - Distance(train, trainTotal, other, holdoutTotal);
            return (synthetic, reference);
        }

        private double Distance(double[] first, double firstTotal, double[] second, double secondTotal) => _ordered
            ? WeightedTally.KolmogorovSmirnov(first, firstTotal, second, secondTotal)
            : WeightedTally.TotalVariation(first, firstTotal, second, secondTotal);

        private static int[] Positions(double[] numbers, double[] distinct)
        {
            var positions = new int[numbers.Length];
            for (var row = 0; row < numbers.Length; row++)
            {
                positions[row] = double.IsNaN(numbers[row]) ? -1 : Array.BinarySearch(distinct, numbers[row]);
            }

            return positions;
        }
    }
}
