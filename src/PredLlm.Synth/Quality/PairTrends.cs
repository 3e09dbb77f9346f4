namespace PredLlm.Synth.Quality;

/// <summary>
/// How well the synthetic table keeps the relation between two columns. <see cref="Metric"/> is
/// <see cref="PairTrends.CorrelationSimilarity"/> (numeric pairs; the associations are Pearson
/// correlations in [-1, 1]) or <see cref="PairTrends.ContingencySimilarity"/> (any other pair, numbers
/// binned; the associations are Cramér's V in [0, 1]). Associations are NaN where undefined (a constant column).
/// </summary>
public sealed record PairTrend(string First, string Second, string Metric, ComparedScore Score, double RealAssociation, double SyntheticAssociation);

/// <param name="Replicates">Bootstrap replicates behind the intervals (bounded for wide tables, see <see cref="PairTrends"/>).</param>
public sealed record PairTrendsResult(IReadOnlyList<PairTrend> Pairs, ComparedScore Average, int Replicates);

/// <summary>
/// Column-pair trends, as SDMetrics defines them. Correlation similarity: 1 - |r_real - r_synthetic| / 2
/// with Pearson's r on rows where both values are present. Contingency similarity: 1 minus the total
/// variation distance of the two joint frequency tables, numbers cut into the train split's bins
/// and categories beyond the 20 most frequent merged. Both are 1 for identical trends.
/// </summary>
internal static class PairTrends
{
    public const string CorrelationSimilarity = "correlation_similarity";
    public const string ContingencySimilarity = "contingency_similarity";
    private const int Stream = 2;
    private const int OutputsPerPair = 4;

    /// <summary>Row-pair visits allowed for all bootstrap replicates together; wide tables get fewer replicates (never under <see cref="MinReplicates"/>).</summary>
    private const double WorkBudget = 2e9;
    private const int MinReplicates = 20;

    public static PairTrendsResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var columns = tables.Columns;
        var centred = columns.ToDictionary(column => column, Centred);
        var pairs = new List<(AlignedColumn First, AlignedColumn Second, bool Correlated)>();
        var jointCells = new List<int[][]>();
        for (var i = 0; i < columns.Count; i++)
        {
            for (var j = i + 1; j < columns.Count; j++)
            {
                // A correlation needs two numeric columns that vary in train; any other pair is compared by contingency.
                var correlated = !columns[i].IsCategorical && !columns[j].IsCategorical
                    && !double.IsNaN(Pearson(centred[columns[i]][ComparedSamples.Train], centred[columns[j]][ComparedSamples.Train], null));
                pairs.Add((columns[i], columns[j], correlated));
                jointCells.Add(correlated ? [] : JointCells(columns[i], columns[j]));
            }
        }

        if (pairs.Count == 0)
        {
            var none = Estimate.Exact(double.NaN);
            return new PairTrendsResult([], new ComparedScore(none, none), 0);
        }

        var rowsPerReplicate = (double)pairs.Count * (tables.TrainRows + tables.HoldoutRows + tables.SyntheticRows);
        var replicates = (int)Math.Min(bootstrap.Replicates, Math.Max(MinReplicates, WorkBudget / rowsPerReplicate));
        var bounded = new Bootstrap(replicates, bootstrap.Seed);

        var outputs = bounded.Run(ComparedSamples.Sizes(tables), (OutputsPerPair * pairs.Count) + 2, Stream, (weights, output) =>
        {
            for (var p = 0; p < pairs.Count; p++)
            {
                var (first, second, correlated) = pairs[p];
                var at = OutputsPerPair * p;
                if (correlated)
                {
                    CompareCorrelations(centred[first], centred[second], weights, output.AsSpan(at, OutputsPerPair));
                }
                else
                {
                    CompareContingencies(jointCells[p], first.LevelCount, second.LevelCount, weights, output.AsSpan(at, OutputsPerPair));
                }
            }

            output[^2] = MeanAt(output, pairs.Count, 0);
            output[^1] = MeanAt(output, pairs.Count, 1);
        });

        var trends = pairs.Select((pair, p) => new PairTrend(
            pair.First.Name,
            pair.Second.Name,
            pair.Correlated ? CorrelationSimilarity : ContingencySimilarity,
            ComparedSamples.Score(outputs, OutputsPerPair * p),
            outputs[(OutputsPerPair * p) + 2].Value,
            outputs[(OutputsPerPair * p) + 3].Value)).ToArray();
        return new PairTrendsResult(trends, ComparedSamples.Score(outputs, OutputsPerPair * pairs.Count), bounded.Replicates);
    }

    private static double MeanAt(double[] output, int pairCount, int offset)
    {
        var picked = new double[pairCount];
        for (var p = 0; p < pairCount; p++)
        {
            picked[p] = output[(OutputsPerPair * p) + offset];
        }

        return WeightedTally.MeanOfDefined(picked);
    }

    /// <summary>The column's numbers in train, holdout and synthetic minus the train mean (keeps the sums of squares well conditioned).</summary>
    private static double[][] Centred(AlignedColumn column)
    {
        if (column.IsCategorical)
        {
            return [];
        }

        var trainMean = WeightedTally.MeanOfDefined(column.Train.Numbers!);
        return [Shift(column.Train.Numbers!, trainMean), Shift(column.Holdout.Numbers!, trainMean), Shift(column.Synthetic.Numbers!, trainMean)];

        static double[] Shift(double[] values, double by) => [.. values.Select(value => value - by)];
    }

    private static void CompareCorrelations(double[][] first, double[][] second, IReadOnlyList<int[]> weights, Span<double> output)
    {
        var train = Pearson(first[ComparedSamples.Train], second[ComparedSamples.Train], weights[ComparedSamples.Train]);
        var synthetic = Pearson(first[ComparedSamples.Synthetic], second[ComparedSamples.Synthetic], weights[ComparedSamples.Synthetic]);
        var holdout = Pearson(first[ComparedSamples.Holdout], second[ComparedSamples.Holdout], weights[ComparedSamples.Holdout]);
        output[0] = 1 - (Math.Abs(train - synthetic) / 2);
        output[1] = 1 - (Math.Abs(train - holdout) / 2);
        output[2] = train;
        output[3] = synthetic;
    }

    /// <summary>Weighted Pearson correlation over rows where both values are present; NaN when either side is constant. Null weights mean 1.</summary>
    private static double Pearson(double[] x, double[] y, int[]? weights)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var row = 0; row < x.Length; row++)
        {
            var w = weights is null ? 1 : weights[row];
            if (w == 0 || double.IsNaN(x[row]) || double.IsNaN(y[row]))
            {
                continue;
            }

            n += w;
            sx += w * x[row];
            sy += w * y[row];
            sxx += w * x[row] * x[row];
            syy += w * y[row] * y[row];
            sxy += w * x[row] * y[row];
        }

        var varianceX = sxx - (sx * sx / n);
        var varianceY = syy - (sy * sy / n);
        var scale = Math.Max(sxx, syy) * 1e-12;
        if (n < 2 || varianceX <= scale || varianceY <= scale)
        {
            return double.NaN;
        }

        return Math.Clamp((sxy - (sx * sy / n)) / Math.Sqrt(varianceX * varianceY), -1, 1);
    }

    /// <summary>Per sample (train, holdout, synthetic), each row's cell in the pair's contingency table, -1 where either value is missing.</summary>
    private static int[][] JointCells(AlignedColumn first, AlignedColumn second)
    {
        return [Cells(first.Train, second.Train), Cells(first.Holdout, second.Holdout), Cells(first.Synthetic, second.Synthetic)];

        int[] Cells(ColumnSample a, ColumnSample b)
        {
            var cells = new int[a.Count];
            for (var row = 0; row < cells.Length; row++)
            {
                cells[row] = a.Levels[row] < 0 || b.Levels[row] < 0 ? -1 : (a.Levels[row] * second.LevelCount) + b.Levels[row];
            }

            return cells;
        }
    }

    private static void CompareContingencies(int[][] cells, int firstLevels, int secondLevels, IReadOnlyList<int[]> weights, Span<double> output)
    {
        var train = new double[firstLevels * secondLevels];
        var other = new double[train.Length];
        var trainTotal = WeightedTally.Count(cells[ComparedSamples.Train], weights[ComparedSamples.Train], train);
        var syntheticTotal = WeightedTally.Count(cells[ComparedSamples.Synthetic], weights[ComparedSamples.Synthetic], other);
        output[0] = 1 - WeightedTally.TotalVariation(train, trainTotal, other, syntheticTotal);
        output[2] = CramersV(train, trainTotal, firstLevels, secondLevels);
        output[3] = CramersV(other, syntheticTotal, firstLevels, secondLevels);
        var holdoutTotal = WeightedTally.Count(cells[ComparedSamples.Holdout], weights[ComparedSamples.Holdout], other);
        output[1] = 1 - WeightedTally.TotalVariation(train, trainTotal, other, holdoutTotal);
    }

    /// <summary>Cramér's V of a contingency table (rows x columns levels), over the levels that occur; NaN when either side has a single level.</summary>
    private static double CramersV(double[] cells, double total, int rows, int columns)
    {
        if (total <= 0)
        {
            return double.NaN;
        }

        var rowSums = new double[rows];
        var columnSums = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                rowSums[r] += cells[(r * columns) + c];
                columnSums[c] += cells[(r * columns) + c];
            }
        }

        double chiSquare = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var expected = rowSums[r] * columnSums[c] / total;
                if (expected > 0)
                {
                    var gap = cells[(r * columns) + c] - expected;
                    chiSquare += gap * gap / expected;
                }
            }
        }

        var smallerSide = Math.Min(rowSums.Count(sum => sum > 0), columnSums.Count(sum => sum > 0));
        return smallerSide < 2 ? double.NaN : Math.Min(1, Math.Sqrt(chiSquare / (total * (smallerSide - 1))));
    }
}
