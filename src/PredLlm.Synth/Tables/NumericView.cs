namespace PredLlm.Synth.Tables;

/// <summary>
/// The values of an ordered column as doubles, for statistics that only need order and distance:
/// integers and decimals as numbers, dates as day numbers, timestamps as ticks. Null rows hold NaN.
/// </summary>
public static class NumericView
{
    public static bool IsOrdered(ValueFamily family) =>
        family is ValueFamily.Integer or ValueFamily.Real or ValueFamily.Decimal or ValueFamily.Date or ValueFamily.Timestamp;

    public static double[] Of(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = column switch
        {
            Column<long> integers => Convert(integers.Values, static value => value),
            Column<double> reals => reals.Values.ToArray(),
            Column<decimal> decimals => Convert(decimals.Values, static value => (double)value),
            Column<DateOnly> dates => Convert(dates.Values, static value => value.DayNumber),
            Column<DateTime> timestamps => Convert(timestamps.Values, static value => value.Ticks),
            _ => throw new ArgumentException($"Column '{column.Name}' ({column.Family}) has no numeric order.", nameof(column)),
        };
        for (var row = 0; row < result.Length && column.NullCount > 0; row++)
        {
            if (column.IsNull(row))
            {
                result[row] = double.NaN;
            }
        }
        return result;
    }

    private static double[] Convert<T>(ReadOnlySpan<T> values, Func<T, double> convert)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]);
        }
        return result;
    }
}
