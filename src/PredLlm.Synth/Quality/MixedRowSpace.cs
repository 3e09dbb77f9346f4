namespace PredLlm.Synth.Quality;

/// <summary>
/// A Gower-style distance between rows of mixed columns, the same space the privacy gate measures in:
/// numeric and datetime values go through the empirical CDF of the reference rows (so a distance of
/// 0.1 means "10% of the real rows lie between"), categories count 0 when equal and 1 otherwise, a
/// null against a value counts 1 and two nulls 0; the distance is the mean over columns, in [0, 1].
/// </summary>
internal sealed class MixedRowSpace
{
    private readonly AlignedColumn[] _columns;
    private readonly double[][] _referenceSorted;

    /// <param name="referenceRows">Rows of the train split whose values define the CDFs.</param>
    public MixedRowSpace(IReadOnlyList<AlignedColumn> columns, int[] referenceRows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(referenceRows);
        _columns = [.. columns];
        _referenceSorted = [.. _columns.Select(column => column.IsCategorical
            ? []
            : Quantiles.SortedFinite([.. referenceRows.Select(row => column.Train.Numbers![row])]))];
    }

    public int Dimensions => _columns.Length;

    /// <summary>The given rows of one sample, encoded for fast distances.</summary>
    public EncodedRows Encode(Func<AlignedColumn, ColumnSample> sample, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(rows);
        var numeric = Enumerable.Range(0, _columns.Length).Where(c => !_columns[c].IsCategorical).ToArray();
        var categorical = Enumerable.Range(0, _columns.Length).Where(c => _columns[c].IsCategorical).ToArray();
        var positions = new float[rows.Length * numeric.Length];
        for (var n = 0; n < numeric.Length; n++)
        {
            var numbers = sample(_columns[numeric[n]]).Numbers!;
            for (var i = 0; i < rows.Length; i++)
            {
                var position = Cdf(_referenceSorted[numeric[n]], numbers[rows[i]]);
                positions[(i * numeric.Length) + n] = double.IsNaN(position) ? EncodedRows.MissingPosition : (float)position;
            }
        }

        var codes = new int[rows.Length * categorical.Length];
        for (var k = 0; k < categorical.Length; k++)
        {
            var column = sample(_columns[categorical[k]]).Codes!;
            for (var i = 0; i < rows.Length; i++)
            {
                codes[(i * categorical.Length) + k] = column[rows[i]];
            }
        }

        return new EncodedRows(positions, numeric.Length, codes, categorical.Length, rows.Length);
    }

    /// <summary>Mid-rank empirical CDF: the share of reference values below, plus half the share equal.</summary>
    private static double Cdf(double[] sorted, double value)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        if (sorted.Length == 0)
        {
            return 0.5;
        }

        var below = LowerBound(sorted, value);
        var upTo = UpperBound(sorted, value);
        return (below + ((upTo - below) / 2.0)) / sorted.Length;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>
/// Rows encoded by a <see cref="MixedRowSpace"/>: CDF positions of the numeric columns and codes of
/// the categorical ones, each row-major. A missing number sits at <see cref="MissingPosition"/>, far
/// outside [0, 1], so that min(|a - b|, 1) is 1 against a value and 0 against another missing one
/// without a branch; a null category is code -1 and compares like any code.
/// </summary>
internal sealed class EncodedRows(float[] positions, int numericColumns, int[] codes, int categoricalColumns, int count)
{
    public const float MissingPosition = -10f;

    public int Count => count;

    public int Dimensions => numericColumns + categoricalColumns;

    /// <summary>
    /// The sum over columns of the per-column distances (the distance times <see cref="Dimensions"/>)
    /// between this sample's row and another sample's row, or any value above <paramref name="limit"/>
    /// once the sum passes it: every term is non-negative, so the scan can stop early.
    /// </summary>
    public float ScaledDistance(int row, EncodedRows other, int otherRow, float limit)
    {
        var a = positions.AsSpan(row * numericColumns, numericColumns);
        var b = other.Positions.Slice(otherRow * numericColumns, numericColumns);
        float sum = 0;
        for (var c = 0; c < a.Length; c++)
        {
            sum += Math.Min(Math.Abs(a[c] - b[c]), 1f);
        }

        if (sum > limit)
        {
            return sum;
        }

        var x = codes.AsSpan(row * categoricalColumns, categoricalColumns);
        var y = other.Codes.Slice(otherRow * categoricalColumns, categoricalColumns);
        for (var c = 0; c < x.Length; c++)
        {
            if (x[c] != y[c] && ++sum > limit)
            {
                return sum;
            }
        }

        return sum;
    }

    private ReadOnlySpan<float> Positions => positions;

    private ReadOnlySpan<int> Codes => codes;
}
