using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Splits;

/// <summary>Equal-frequency bins of a numeric column, so a regression target can be stratified.</summary>
internal sealed class QuantileBins
{
    private readonly double[] _values;
    private readonly double[] _upperEdges;

    private QuantileBins(double[] values, double[] upperEdges)
    {
        _values = values;
        _upperEdges = upperEdges;
    }

    public static QuantileBins Fit(Column column, int bins)
    {
        var values = NumericView.Of(column);
        var sorted = values.Where((_, row) => !column.IsNull(row)).Order().ToArray();
        var edges = new double[Math.Max(bins - 1, 0)];
        for (var b = 0; b < edges.Length && sorted.Length > 0; b++)
        {
            edges[b] = sorted[Math.Max(0, (int)((long)(b + 1) * sorted.Length / bins) - 1)];
        }
        return new QuantileBins(values, edges);
    }

    public string BinOf(int row)
    {
        var index = Array.BinarySearch(_upperEdges, _values[row]);
        var bin = index >= 0 ? index : ~index;
        return bin.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    }
}
