namespace PredLlm.Synth.Tables;

/// <summary>
/// Formats and parses the values of one column, with the column's storage in mind: an int8 column
/// refuses 300, a float column parses as float, a decimal column refuses digits beyond its scale, a
/// millisecond timestamp column refuses microseconds. Typed, so hot loops never box.
/// </summary>
internal abstract class ValueCodec<T>
{
    public abstract string Format(T value);

    /// <summary>False when the text is not a value of this column (wrong form or does not fit the storage).</summary>
    public abstract bool TryParse(ReadOnlySpan<char> text, out T value);

    public static ValueCodec<T> For(ColumnStorage storage)
    {
        if (storage.Family.ClrType() != typeof(T))
        {
            throw new ArgumentException($"A {storage} column holds {storage.Family.ClrType().Name} values, not {typeof(T).Name}.", nameof(storage));
        }

        object codec = storage.Family switch
        {
            ValueFamily.Boolean => new BooleanCodec(),
            ValueFamily.Integer => new IntegerCodec(storage.IntegerRange),
            ValueFamily.Real => new RealCodec(storage.Kind == StorageKind.Float),
            ValueFamily.Decimal => new DecimalCodec(storage.DecimalPrecision, storage.DecimalScale),
            ValueFamily.Text => new TextCodec(),
            ValueFamily.Date => new DateCodec(),
            ValueFamily.Timestamp => new TimestampCodec(storage.TimestampUnit),
            _ => throw new ArgumentOutOfRangeException(nameof(storage), storage.Family, "Unknown value family."),
        };
        return (ValueCodec<T>)codec;
    }
}

internal sealed class BooleanCodec : ValueCodec<bool>
{
    public override string Format(bool value) => ValueText.FormatBoolean(value);

    public override bool TryParse(ReadOnlySpan<char> text, out bool value) => ValueText.TryParseBoolean(text, out value);
}

internal sealed class IntegerCodec((long Min, long Max) range) : ValueCodec<long>
{
    public override string Format(long value) => ValueText.FormatInteger(value);

    public override bool TryParse(ReadOnlySpan<char> text, out long value) =>
        ValueText.TryParseInteger(text, out value) && value >= range.Min && value <= range.Max;
}

internal sealed class RealCodec(bool singlePrecision) : ValueCodec<double>
{
    public override string Format(double value) => ValueText.FormatReal(value, singlePrecision);

    public override bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if (!singlePrecision)
        {
            return ValueText.TryParseReal(text, out value);
        }

        var parsed = ValueText.TryParseFloat(text, out var single);
        value = single;
        return parsed;
    }
}

internal sealed class DecimalCodec(int precision, int scale) : ValueCodec<decimal>
{
    private readonly decimal _bound = Pow10(precision - scale);

    public override string Format(decimal value) => ValueText.FormatDecimal(value, scale);

    public override bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        ValueText.TryParseDecimal(text, out value)
        && ValueText.DigitsAfterPoint(text) <= scale
        && Math.Abs(value) < _bound;

    // decimal tops out near 7.9e28, so a bound past it means "anything a decimal holds fits".
    private static decimal Pow10(int exponent) =>
        exponent >= 29 ? decimal.MaxValue : Enumerable.Repeat(10m, exponent).Aggregate(1m, (product, ten) => product * ten);
}

internal sealed class TextCodec : ValueCodec<string>
{
    public override string Format(string value) => value;

    public override bool TryParse(ReadOnlySpan<char> text, out string value)
    {
        value = text.ToString();
        return true;
    }
}

internal sealed class DateCodec : ValueCodec<DateOnly>
{
    public override string Format(DateOnly value) => ValueText.FormatDate(value);

    public override bool TryParse(ReadOnlySpan<char> text, out DateOnly value) => ValueText.TryParseDate(text, out value);
}

internal sealed class TimestampCodec(TimestampUnit unit) : ValueCodec<DateTime>
{
    private readonly long _ticksPerUnit = unit switch
    {
        TimestampUnit.Millis => TimeSpan.TicksPerMillisecond,
        TimestampUnit.Micros => TimeSpan.TicksPerMicrosecond,
        _ => 1, // a DateTime tick is 100 ns: the finest a nanosecond column can be held at
    };

    public override string Format(DateTime value) => ValueText.FormatTimestamp(value);

    public override bool TryParse(ReadOnlySpan<char> text, out DateTime value) =>
        ValueText.TryParseTimestamp(text, out value) && value.Ticks % _ticksPerUnit == 0;
}
