namespace PredLlm.Synth.Tables;

/// <summary>
/// One immutable column of a <see cref="Table"/>: a definition, and per row a value or a null. The
/// typed values live in <see cref="Column{T}"/>; this base gives what every stage needs without
/// knowing the type (nulls, the invariant text of a value, taking rows).
/// </summary>
public abstract class Column
{
    // Null flags, or null when the column holds no null (the common case costs no memory).
    private readonly bool[]? _nulls;

    private protected Column(ColumnDefinition definition, int count, bool[]? nulls)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (nulls is not null && nulls.Length != count)
        {
            throw new ArgumentException($"Column '{definition.Name}' has {count} values but {nulls.Length} null flags.", nameof(nulls));
        }

        var nullCount = nulls is null ? 0 : nulls.Count(isNull => isNull);
        if (nullCount > 0 && !definition.IsNullable)
        {
            throw new ArgumentException($"Column '{definition.Name}' is not nullable but was given {nullCount} nulls.", nameof(nulls));
        }

        Definition = definition;
        Count = count;
        NullCount = nullCount;
        _nulls = nullCount > 0 ? nulls : null;
    }

    public ColumnDefinition Definition { get; }

    public string Name => Definition.Name;

    public ValueFamily Family => Definition.Family;

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    public int NullCount { get; }

    public bool IsNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return _nulls is not null && _nulls[row];
    }

    /// <summary>A column holding a copy of the given values; <paramref name="nulls"/> is empty when there are none.</summary>
    public static Column<T> Create<T>(ColumnDefinition definition, ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls = default)
    {
        if (!nulls.IsEmpty && nulls.Length != values.Length)
        {
            throw new ArgumentException("There must be one null flag per value.", nameof(nulls));
        }

        var copy = values.ToArray();
        if (typeof(T) == typeof(string))
        {
            var strings = (string?[])(object)copy;
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] ??= string.Empty;
            }
        }

        return new Column<T>(definition, copy, nulls.IsEmpty ? null : nulls.ToArray());
    }

    /// <summary>The value's invariant text (see <see cref="ValueText"/>), or null for a null.</summary>
    public abstract string? Format(int row);

    /// <summary>A new column holding the given rows, in the given order (repeats allowed).</summary>
    public abstract Column TakeRows(ReadOnlySpan<int> rows);

    private protected bool[]? TakeNulls(ReadOnlySpan<int> rows)
    {
        if (_nulls is null)
        {
            return null;
        }

        var taken = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _nulls[rows[i]];
        }

        return taken;
    }
}

/// <summary>
/// A column whose values are held as <typeparamref name="T"/> (see <see cref="ValueFamily"/> for which
/// T goes with which family). The value at a null row is the type's default ("" for text) and means nothing.
/// </summary>
public sealed class Column<T> : Column
{
    private readonly T[] _values;
    private readonly ValueCodec<T> _codec;

    /// <summary>Takes ownership of the arrays: callers hand them over and never touch them again.</summary>
    internal Column(ColumnDefinition definition, T[] values, bool[]? nulls)
        : base(definition, values.Length, nulls)
    {
        _codec = ValueCodec<T>.For(definition.Storage);
        _values = values;
    }

    /// <summary>All values, nulls included as the type's default: for tight loops.</summary>
    public ReadOnlySpan<T> Values => _values;

    public T this[int row] => _values[row];

    public override string? Format(int row) => IsNull(row) ? null : _codec.Format(_values[row]);

    /// <summary>The invariant text of any value of this column's type, as <see cref="Format"/> gives it for a row.</summary>
    public string FormatValue(T value) => _codec.Format(value);

    public override Column<T> TakeRows(ReadOnlySpan<int> rows)
    {
        var taken = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return new Column<T>(Definition, taken, TakeNulls(rows));
    }
}
