using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Baselines;

/// <summary>
/// A column's rows in value order with their mid-ranks, the copula's view of a marginal: a value maps to
/// the middle of its tie group's share of (0, 1), and a point of (0, 1) maps back to the row that holds
/// that quantile. Categories are ordered by frequency, then text. Nulls stand outside the order: they get
/// the neutral score 0.5 and are drawn at the column's null rate, independently, as SDV's copula does.
/// </summary>
internal sealed class RankOrder
{
    private readonly int[] _rowsInOrder;
    private readonly int[] _nullRows;

    private RankOrder(int[] rowsInOrder, int[] nullRows, double[] midQuantileOfRow)
    {
        _rowsInOrder = rowsInOrder;
        _nullRows = nullRows;
        MidQuantileOfRow = midQuantileOfRow;
    }

    /// <summary>Per row, the middle of its tie group's interval of (0, 1).</summary>
    public double[] MidQuantileOfRow { get; }

    public static RankOrder Fit(Column column)
    {
        var allKeys = SortKeys(column);
        var nullRows = Enumerable.Range(0, column.Count).Where(column.IsNull).ToArray();
        var rows = Enumerable.Range(0, column.Count).Where(row => !column.IsNull(row)).ToArray();
        var keys = rows.Select(row => allKeys[row]).ToArray();
        Array.Sort(keys, rows);
        var mid = new double[column.Count];
        Array.Fill(mid, 0.5);
        var n = (double)rows.Length;
        for (var start = 0; start < rows.Length;)
        {
            var end = start;
            while (end < rows.Length && keys[end] == keys[start])
            {
                end++;
            }
            for (var i = start; i < end; i++)
            {
                mid[rows[i]] = (start + end) / 2.0 / n;
            }
            start = end;
        }
        return new RankOrder(rows, nullRows, mid);
    }

    /// <summary>
    /// The row holding quantile <paramref name="u"/> of the column's values, or, with the column's null
    /// rate judged by <paramref name="nullDraw"/> (uniform on [0, 1)), a row holding a null.
    /// </summary>
    public int RowAt(double u, double nullDraw)
    {
        var nullRate = _nullRows.Length / (double)(_nullRows.Length + _rowsInOrder.Length);
        if (nullDraw < nullRate)
        {
            return _nullRows[(int)(nullDraw / nullRate * _nullRows.Length)];
        }
        return _rowsInOrder[Math.Clamp((int)(u * _rowsInOrder.Length), 0, _rowsInOrder.Length - 1)];
    }

    private static double[] SortKeys(Column column)
    {
        double[] keys;
        if (NumericView.IsOrdered(column.Family))
        {
            keys = NumericView.Of(column);
            for (var row = 0; row < keys.Length; row++)
            {
                // NaN values (not nulls) sort before every number.
                keys[row] = double.IsNaN(keys[row]) ? double.NegativeInfinity : keys[row];
            }
            return keys;
        }
        var texts = Enumerable.Range(0, column.Count).Select(row => column.Format(row)).ToArray();
        var rankOfText = texts.Where(text => text is not null)
            .GroupBy(text => text!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select((group, rank) => (group.Key, rank))
            .ToDictionary(pair => pair.Key, pair => (double)pair.rank, StringComparer.Ordinal);
        keys = new double[texts.Length];
        for (var row = 0; row < texts.Length; row++)
        {
            keys[row] = texts[row] is { } text ? rankOfText[text] : -1;
        }
        return keys;
    }
}
