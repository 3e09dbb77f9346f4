using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// The distance space of the gate (PRIVACY-GATE.md, "Distance space"): the Gower distance of two rows is
/// the mean over columns of min(|a - b|, 1) on each column's <see cref="ColumnScale"/>, so numbers and
/// dates differ by the share of real values between them and categories by 0 or 1. Fitted on the real
/// rows (train and holdout); every table the gate compares is encoded with the same scales.
/// </summary>
internal sealed class GowerSpace
{
    private readonly ColumnScale[] _scales;

    private GowerSpace(IReadOnlyList<string> columns, ColumnScale[] scales)
    {
        Columns = columns;
        _scales = scales;
    }

    public IReadOnlyList<string> Columns { get; }

    /// <param name="columns">The columns compared.</param>
    /// <param name="ordered">Per column, whether its values are ordered quantities (CDF scale) or categories.</param>
    /// <param name="fitTables">The real rows the CDFs are fitted on.</param>
    public static GowerSpace Fit(IReadOnlyList<string> columns, IReadOnlyList<bool> ordered, params Table[] fitTables)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(fitTables);
        var scales = columns.Select((name, c) => ColumnScale.For([.. fitTables.Select(table => table[name])], ordered[c])).ToArray();
        return new GowerSpace([.. columns], scales);
    }

    public EncodedRows Encode(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var encoded = new EncodedRows(table.RowCount, Columns.Count);
        for (var c = 0; c < Columns.Count; c++)
        {
            _scales[c].Encode(table[Columns[c]], encoded.Column(c));
        }

        return encoded;
    }
}
