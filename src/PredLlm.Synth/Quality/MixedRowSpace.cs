namespace PredLlm.Synth.Quality;

/// <summary>
/// A Gower-style distance between rows of mixed columns for density and coverage. A numeric or
/// datetime column counts |a - b| divided by the spread of the train values (their 10%-90% quantile
/// range, or a wider range when that is 0), capped at 1; a categorical column counts 0 when equal and
/// 1 otherwise; a missing value against a present one counts 1 and two missing ones 0. The distance
/// is the mean over columns. Scaling by spread (rather than the empirical CDF the privacy gate uses)
/// keeps values beyond the real range apart from the real extremes instead of piling them onto them.
/// </summary>
internal sealed class MixedRowSpace
{
    private readonly AlignedColumn[] _columns;
    private readonly (double Centre, double Spread)[] _scales;

    /// <param name="referenceRows">Rows of the train split whose values set each column's scale.</param>
    public MixedRowSpace(IReadOnlyList<AlignedColumn> columns, int[] referenceRows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(referenceRows);
        _columns = [.. columns];
        _scales = [.. _columns.Select(column => column.IsCategorical
            ? (0, 1)
            : Scale(Quantiles.SortedFinite([.. referenceRows.Select(row => column.Train.Numbers![row])])))];
    }

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
            var (centre, spread) = _scales[numeric[n]];
            for (var i = 0; i < rows.Length; i++)
            {
                var value = numbers[rows[i]];
                positions[(i * numeric.Length) + n] = double.IsNaN(value) ? EncodedRows.MissingPosition : (float)((value - centre) / spread);
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

    /// <summary>Median and the widest-needed spread: 10%-90% range, else 1%-99%, else the full range, else 1 (a constant column).</summary>
    private static (double Centre, double Spread) Scale(double[] sorted)
    {
        if (sorted.Length == 0)
        {
            return (0, 1);
        }

        var centre = Quantiles.OfSorted(sorted, 0.5);
        double[] spreads =
        [
            Quantiles.OfSorted(sorted, 0.9) - Quantiles.OfSorted(sorted, 0.1),
            Quantiles.OfSorted(sorted, 0.99) - Quantiles.OfSorted(sorted, 0.01),
            sorted[^1] - sorted[0],
        ];
        var spread = spreads.FirstOrDefault(value => value > 0, 1.0);
        return (centre, spread);
    }
}

/// <summary>
/// Rows encoded by a <see cref="MixedRowSpace"/>: scaled numbers of the numeric columns and codes of
/// the categorical ones, each row-major. A missing number sits at <see cref="MissingPosition"/>, far
/// beyond any scaled value, so that min(|a - b|, 1) is 1 against a value and 0 against another
/// missing one without a branch; a null category is code -1 and compares like any code.
/// </summary>
internal sealed class EncodedRows(float[] positions, int numericColumns, int[] codes, int categoricalColumns, int count)
{
    public const float MissingPosition = -1e30f;

    public int Count => count;

    /// <summary>
    /// The sum over columns of the per-column distances (the distance times the column count)
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
