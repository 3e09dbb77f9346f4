using System.Globalization;

namespace PredLlm.Synth.Tables;

/// <summary>Computes a <see cref="ColumnProfile"/> in one typed pass over a column (no boxing).</summary>
internal static class ColumnProfiler
{
    public static ColumnProfile Profile(Column column, int distinctCountBound) => column switch
    {
        Column<bool> boolean => Profile(boolean, distinctCountBound, ordered: false, _ => null),
        Column<long> integer => Profile(integer, distinctCountBound, ordered: true, _ => 0),
        Column<double> real => Profile(real, distinctCountBound, ordered: true, DecimalsOf(real.Definition.Storage.Kind == StorageKind.Float)),
        Column<decimal> number => Profile(number, distinctCountBound, ordered: true, value => DecimalsOf(value)),
        Column<string> text => Profile(text, distinctCountBound, ordered: false, _ => null),
        Column<DateOnly> date => Profile(date, distinctCountBound, ordered: true, _ => null),
        Column<DateTime> timestamp => Profile(timestamp, distinctCountBound, ordered: true, _ => null),
        _ => throw new InvalidOperationException($"No profile for a {column.Definition.Storage} column."),
    };

    /// <param name="ordered">Whether min and max mean something for this family.</param>
    /// <param name="decimals">Digits after the point a value needs, or null when not a number.</param>
    private static ColumnProfile Profile<T>(Column<T> column, int distinctCountBound, bool ordered, Func<T, int?> decimals)
        where T : notnull
    {
        var distinct = new HashSet<T>();
        var scannedAtBound = 0; // non-null values looked at when the distinct count reached its bound
        var nonNull = 0;
        var hasMinMax = false;
        T min = default!, max = default!;
        int? decimalsSeen = null;
        var (hasNaN, hasInfinity) = (false, false);
        var comparer = Comparer<T>.Default;
        var values = column.Values;
        for (var row = 0; row < values.Length; row++)
        {
            if (column.IsNull(row))
            {
                continue;
            }

            var value = values[row];
            nonNull++;
            if (scannedAtBound == 0)
            {
                distinct.Add(value);
                if (distinct.Count >= distinctCountBound)
                {
                    scannedAtBound = nonNull;
                }
            }

            if (value is double real && !double.IsFinite(real))
            {
                hasNaN |= double.IsNaN(real);
                hasInfinity |= double.IsInfinity(real);
                if (double.IsNaN(real))
                {
                    continue; // NaN has no place in an order
                }
            }

            if (ordered)
            {
                if (!hasMinMax || comparer.Compare(value, min) < 0)
                {
                    min = value;
                }

                if (!hasMinMax || comparer.Compare(value, max) > 0)
                {
                    max = value;
                }

                hasMinMax = true;
            }

            if (decimals(value) is { } digits)
            {
                decimalsSeen = Math.Max(decimalsSeen ?? 0, digits);
            }
        }

        var isLowerBound = scannedAtBound > 0 && scannedAtBound < nonNull;
        var uniqueShare = nonNull == 0 ? 0 : distinct.Count / (double)(isLowerBound ? scannedAtBound : nonNull);
        var definition = column.Definition;
        return new ColumnProfile
        {
            Name = definition.Name,
            PhysicalType = definition.Storage.ToString(),
            Family = definition.Family,
            Kind = ColumnProfile.KindOf(definition.Family, nonNull, distinct.Count, uniqueShare),
            Nullable = definition.IsNullable,
            NullCount = column.NullCount,
            DistinctCount = distinct.Count,
            DistinctCountIsLowerBound = isLowerBound,
            Min = hasMinMax ? column.FormatValue(min) : null,
            Max = hasMinMax ? column.FormatValue(max) : null,
            DecimalsSeen = definition.Family is ValueFamily.Integer or ValueFamily.Real or ValueFamily.Decimal ? decimalsSeen ?? 0 : null,
            AllNull = nonNull == 0,
            Constant = distinct.Count == 1,
            HasNaN = hasNaN,
            HasInfinity = hasInfinity,
        };
    }

    /// <summary>Digits after the point of a double's (or float's) shortest round-trip text; null for NaN and infinities.</summary>
    private static Func<double, int?> DecimalsOf(bool singlePrecision) => value =>
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        if (Math.Floor(value) == value && Math.Abs(value) < 1e15)
        {
            return 0;
        }

        var text = ValueText.FormatReal(value, singlePrecision);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        return Math.Max(0, ValueText.DigitsAfterPoint(mantissa) - exponent);
    };

    /// <summary>Digits after the point a decimal needs, trailing zeros dropped ("1.50" needs 1).</summary>
    private static int DecimalsOf(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? ValueText.DigitsAfterPoint(text.TrimEnd('0')) : 0;
    }
}
