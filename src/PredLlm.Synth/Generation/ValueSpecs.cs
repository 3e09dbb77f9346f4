using System.Globalization;
using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Generation;

/// <summary>
/// What each column of a train table allows a generated value to be: the observed categories (integer codes
/// included), the observed integer range, the digits and decimals numbers were written with, the date and time layout, and a null
/// only where the column had nulls. Decoding under these specs makes every generated row valid.
/// </summary>
public static class ValueSpecs
{
    public static IReadOnlyList<ValueSpec> Of(Table train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return [.. train.Columns.Select(Of)];
    }

    public static ValueSpec Of(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var texts = Enumerable.Range(0, column.Count).Select(column.Format).OfType<string>().ToArray();
        if (texts.Length == 0)
        {
            // An all-null column can only be reproduced as nulls.
            return new CategoricalSpec([]) { Nullable = true };
        }
        ValueSpec spec = column.Family switch
        {
            ValueFamily.Text or ValueFamily.Boolean => Categories(texts),
            // Whole numbers with few distinct values are codes (the schema's categorical kind, as the quality
            // report treats them too): a number between two observed codes would be a category no real row has.
            ValueFamily.Integer when ColumnProfiler.Profile(column, TableSchema.DefaultDistinctCountBound).Kind == ColumnKind.Categorical => Categories(texts),
            ValueFamily.Integer => IntegerRange((Column<long>)column),
            ValueFamily.Real or ValueFamily.Decimal => Number(texts),
            ValueFamily.Date => new DateTimeSpec("yyyy-MM-dd"),
            // ValueText writes whole seconds without a fraction and trims a fraction's trailing zeros.
            ValueFamily.Timestamp => new DateTimeSpec("yyyy-MM-ddTHH:mm:ss.FFFFFFF"),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Family, "Unknown value family."),
        };
        return spec with { Nullable = column.NullCount > 0 };
    }

    private static CategoricalSpec Categories(string[] texts) => new([.. texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    private static IntegerSpec IntegerRange(Column<long> column)
    {
        long min = long.MaxValue, max = long.MinValue;
        for (var row = 0; row < column.Count; row++)
        {
            if (!column.IsNull(row))
            {
                min = Math.Min(min, column[row]);
                max = Math.Max(max, column[row]);
            }
        }
        return new IntegerSpec(min, max);
    }

    private static ContinuousSpec Number(string[] texts)
    {
        int integerDigits = 1, decimals = 0, exponentDigits = 0;
        var negative = false;
        var literals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                literals.Add(text);
                continue;
            }
            negative |= text.StartsWith('-');
            var unsigned = text.TrimStart('-');
            var exponent = unsigned.IndexOfAny(['E', 'e']);
            if (exponent >= 0)
            {
                exponentDigits = Math.Max(exponentDigits, unsigned.Length - exponent - 1 - (unsigned[exponent + 1] is '+' or '-' ? 1 : 0));
                unsigned = unsigned[..exponent];
            }
            var point = unsigned.IndexOf('.', StringComparison.Ordinal);
            integerDigits = Math.Max(integerDigits, point >= 0 ? point : unsigned.Length);
            decimals = Math.Max(decimals, point >= 0 ? unsigned.Length - point - 1 : 0);
        }
        return new ContinuousSpec(integerDigits, decimals, negative) { ExponentDigits = exponentDigits, Literals = [.. literals] };
    }
}
