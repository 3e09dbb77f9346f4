namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// Rows of a table placed in the Gower space: one float per cell, column after column, so that the
/// nearest-neighbour kernel reads a column of many rows as one contiguous vector. Each column's stride
/// is the row count rounded up to a whole number of SIMD vectors; the padding cells are never neighbours.
/// </summary>
internal sealed class EncodedRows
{
    // Wide enough for the widest vector the kernel uses (8 floats) and for cache-line alignment of columns.
    private const int Padding = 16;

    public EncodedRows(int count, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Count = count;
        ColumnCount = columns;
        Stride = (count + Padding - 1) / Padding * Padding;
        Values = new float[Stride * columns];
    }

    public int Count { get; }

    public int ColumnCount { get; }

    /// <summary>Distance between the starts of two consecutive columns in <see cref="Values"/>.</summary>
    public int Stride { get; }

    /// <summary>Cell (row r, column c) is at <c>c * Stride + r</c>.</summary>
    public float[] Values { get; }

    public Span<float> Column(int column) => Values.AsSpan(column * Stride, Count);

    public float this[int row, int column] => Values[(column * Stride) + row];

    /// <summary>The given rows, in the given order.</summary>
    public EncodedRows Take(ReadOnlySpan<int> rows)
    {
        var taken = new EncodedRows(rows.Length, ColumnCount);
        for (var c = 0; c < ColumnCount; c++)
        {
            var source = Values.AsSpan(c * Stride, Count);
            var target = taken.Column(c);
            for (var i = 0; i < rows.Length; i++)
            {
                target[i] = source[rows[i]];
            }
        }

        return taken;
    }

    /// <summary>These rows followed by <paramref name="other"/>'s.</summary>
    public EncodedRows Concat(EncodedRows other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ColumnCount != ColumnCount)
        {
            throw new ArgumentException("Both row sets must have the same columns.", nameof(other));
        }

        var joined = new EncodedRows(Count + other.Count, ColumnCount);
        for (var c = 0; c < ColumnCount; c++)
        {
            var target = joined.Column(c);
            Column(c).CopyTo(target);
            other.Column(c).CopyTo(target[Count..]);
        }

        return joined;
    }
}
