using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// The values of a numeric or datetime column as doubles, NaN where the value is null or not finite
/// (metrics of shape compare the finite values; null rates are measured on their own). Dates and
/// timestamps become days since 0001-01-01, so differences read in days.
/// </summary>
internal static class NumericValues
{
    public static double[] Of(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var numbers = column switch
        {
            Column<long> integers => Convert(integers.Values, value => value),
            Column<double> reals => Convert(reals.Values, value => double.IsFinite(value) ? value : double.NaN),
            Column<decimal> decimals => Convert(decimals.Values, value => (double)value),
            Column<DateOnly> dates => Convert(dates.Values, value => (double)value.DayNumber),
            Column<DateTime> timestamps => Convert(timestamps.Values, value => value.Ticks / (double)TimeSpan.TicksPerDay),
            Column<bool> booleans => Convert(booleans.Values, value => value ? 1.0 : 0.0),
            _ => throw new ArgumentException($"Column '{column.Name}' of family {column.Family} has no numeric value.", nameof(column)),
        };

        if (column.NullCount > 0)
        {
            for (var row = 0; row < numbers.Length; row++)
            {
                if (column.IsNull(row))
                {
                    numbers[row] = double.NaN;
                }
            }
        }

        return numbers;
    }

    private static double[] Convert<T>(ReadOnlySpan<T> values, Func<T, double> convert)
    {
        var numbers = new double[values.Length];
        for (var row = 0; row < values.Length; row++)
        {
            numbers[row] = convert(values[row]);
        }

        return numbers;
    }
}
