namespace PredLlm.Synth.Text;

/// <summary>
/// The order in which a row's columns are written: a permutation of the table's column indices.
/// Pred-LLM trains on two orders of every row: the table's own order, and the features in a fresh
/// random order with the target always last (so the target can attend to every feature).
/// </summary>
public sealed class FieldOrder
{
    private readonly int[] columns;

    private FieldOrder(int[] columns) => this.columns = columns;

    /// <summary>Column indices in writing order.</summary>
    public IReadOnlyList<int> Columns => columns;

    public static FieldOrder TableOrder(int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columnCount);
        return new FieldOrder(Enumerable.Range(0, columnCount).ToArray());
    }

    /// <summary>
    /// The features in a fresh random order drawn from <paramref name="random"/> (Fisher-Yates, so a seeded
    /// generator gives the same sequence of orders), then <paramref name="targetColumn"/>.
    /// </summary>
    public static FieldOrder FeaturesShuffledTargetLast(int columnCount, int targetColumn, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columnCount);
        ArgumentOutOfRangeException.ThrowIfNegative(targetColumn);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(targetColumn, columnCount);
        ArgumentNullException.ThrowIfNull(random);
        var columns = new int[columnCount];
        var next = 0;
        for (var column = 0; column < columnCount; column++)
        {
            if (column != targetColumn)
            {
                columns[next++] = column;
            }
        }
        for (var i = next - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (columns[i], columns[j]) = (columns[j], columns[i]);
        }
        columns[^1] = targetColumn;
        return new FieldOrder(columns);
    }

    /// <summary>An explicit order; it must name every one of the <paramref name="columnCount"/> columns once.</summary>
    public static FieldOrder Of(IReadOnlyList<int> columns, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != columnCount)
        {
            throw new ArgumentException($"An order names each of the {columnCount} columns once; it has {columns.Count} entries.", nameof(columns));
        }
        var seen = new bool[columnCount];
        foreach (var column in columns)
        {
            if (column < 0 || column >= columnCount || seen[column])
            {
                throw new ArgumentException("An order names each column index once and only valid indices.", nameof(columns));
            }
            seen[column] = true;
        }
        return new FieldOrder(columns.ToArray());
    }

    /// <summary>The row's fields in this order, from names and values given in table order.</summary>
    public RowField[] Select(IReadOnlyList<string> names, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Count != columns.Length || values.Count != columns.Length)
        {
            throw new ArgumentException($"The order has {columns.Length} columns; got {names.Count} names and {values.Count} values.");
        }
        var fields = new RowField[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            fields[i] = new RowField(names[columns[i]], values[columns[i]]);
        }
        return fields;
    }
}
