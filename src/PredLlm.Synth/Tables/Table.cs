namespace PredLlm.Synth.Tables;

/// <summary>
/// An immutable table: ordered, uniquely named columns of equal length. Every stage of the pipeline
/// reads and produces tables; readers and writers turn them into files.
/// </summary>
public sealed class Table
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _indexByName;

    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Length == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        RowCount = _columns[0].Count;
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (column.Count != RowCount)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Count} rows, column '{_columns[0].Name}' has {RowCount}.", nameof(columns));
            }

            if (!_indexByName.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears twice.", nameof(columns));
            }
        }
    }

    public IReadOnlyList<Column> Columns => _columns;

    public IReadOnlyList<ColumnDefinition> Definitions => [.. _columns.Select(column => column.Definition)];

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public Column this[int index] => _columns[index];

    /// <summary>The column with this exact (case-sensitive) name.</summary>
    public Column this[string name] => TryGetColumn(name, out var column)
        ? column
        : throw new KeyNotFoundException($"The table has no column named '{name}'.");

    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Column? column)
    {
        column = _indexByName.TryGetValue(name, out var index) ? _columns[index] : null;
        return column is not null;
    }

    /// <summary>Position of the column with this name, or -1.</summary>
    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>A table of the given rows, in the given order (for splits and samples).</summary>
    public Table TakeRows(ReadOnlySpan<int> rows)
    {
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row index out of range 0..{RowCount - 1}.");
            }
        }

        var taken = new Column[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            taken[i] = _columns[i].TakeRows(rows);
        }

        return new Table(taken);
    }

    /// <summary>The same rows with only the named columns, in the given order.</summary>
    public Table SelectColumns(IEnumerable<string> names) => new(names.Select(name => this[name]));
}
