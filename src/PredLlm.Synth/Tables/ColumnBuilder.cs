namespace PredLlm.Synth.Tables;

/// <summary>
/// Appends the values of one column row by row, then builds the immutable <see cref="Column"/>. The
/// untyped members serve readers and decoders that see text; <see cref="ColumnBuilder{T}"/> appends typed values.
/// </summary>
public abstract class ColumnBuilder
{
    private protected ColumnBuilder(ColumnDefinition definition) => Definition = definition;

    public ColumnDefinition Definition { get; }

    public abstract int Count { get; }

    /// <summary>A builder for the column's family; <paramref name="capacity"/> is a hint.</summary>
    public static ColumnBuilder Create(ColumnDefinition definition, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Family switch
        {
            ValueFamily.Boolean => new ColumnBuilder<bool>(definition, capacity),
            ValueFamily.Integer => new ColumnBuilder<long>(definition, capacity),
            ValueFamily.Real => new ColumnBuilder<double>(definition, capacity),
            ValueFamily.Decimal => new ColumnBuilder<decimal>(definition, capacity),
            ValueFamily.Text => new ColumnBuilder<string>(definition, capacity),
            ValueFamily.Date => new ColumnBuilder<DateOnly>(definition, capacity),
            ValueFamily.Timestamp => new ColumnBuilder<DateTime>(definition, capacity),
            _ => throw new ArgumentOutOfRangeException(nameof(definition), definition.Family, "Unknown value family."),
        };
    }

    /// <summary>Appends a null; the column must be nullable.</summary>
    public abstract void AppendNull();

    /// <summary>
    /// Parses the invariant text of a value (see <see cref="ValueText"/>) and appends it. False, and
    /// nothing appended, when the text is not a value this column can hold.
    /// </summary>
    public abstract bool TryAppendText(ReadOnlySpan<char> text);

    /// <summary>Whether <paramref name="text"/> is a value of this column, without appending it.</summary>
    public abstract bool CanParse(ReadOnlySpan<char> text);

    public abstract Column Build();
}

public sealed class ColumnBuilder<T> : ColumnBuilder
{
    private readonly ValueCodec<T> _codec;
    private T[] _values;
    private bool[]? _nulls;
    private int _count;

    public ColumnBuilder(ColumnDefinition definition, int capacity = 0)
        : base(definition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _codec = ValueCodec<T>.For(definition.Storage);
        _values = new T[Math.Max(capacity, 4)];
    }

    public override int Count => _count;

    public void Append(T value)
    {
        // Not ArgumentNullException.ThrowIfNull: it takes an object and would box every value appended.
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "Append a null with AppendNull.");
        }

        EnsureRoom();
        _values[_count++] = value;
    }

    public override void AppendNull()
    {
        if (!Definition.IsNullable)
        {
            throw new InvalidOperationException($"Column '{Definition.Name}' is not nullable.");
        }

        EnsureRoom();
        _nulls ??= new bool[_values.Length];
        _nulls[_count] = true;
        _values[_count++] = Empty;
    }

    public override bool TryAppendText(ReadOnlySpan<char> text)
    {
        if (!_codec.TryParse(text, out var value))
        {
            return false;
        }

        Append(value);
        return true;
    }

    public override bool CanParse(ReadOnlySpan<char> text) => _codec.TryParse(text, out _);

    public override Column<T> Build()
    {
        var values = _values.AsSpan(0, _count).ToArray();
        var nulls = _nulls?.AsSpan(0, _count).ToArray();
        return new Column<T>(Definition, values, nulls);
    }

    // Text columns hold "" at null rows so that Values never yields a null reference.
    private static T Empty => typeof(T) == typeof(string) ? (T)(object)string.Empty : default!;

    private void EnsureRoom()
    {
        if (_count < _values.Length)
        {
            return;
        }

        var capacity = _values.Length * 2;
        Array.Resize(ref _values, capacity);
        if (_nulls is not null)
        {
            Array.Resize(ref _nulls, capacity);
        }
    }
}
