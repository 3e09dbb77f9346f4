using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>
/// An ordered column's values as doubles (<see cref="NumericView"/>: dates as day numbers, timestamps
/// as ticks), NaN where the value is null or not finite: the shape metrics compare finite values, and
/// null rates are measured on their own.
/// </summary>
internal static class FiniteValues
{
    public static double[] Of(Column column)
    {
        var values = NumericView.Of(column);
        for (var row = 0; row < values.Length; row++)
        {
            if (double.IsInfinity(values[row]))
            {
                values[row] = double.NaN;
            }
        }

        return values;
    }
}
