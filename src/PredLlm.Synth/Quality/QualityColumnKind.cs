using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>How a column is compared between a real and a synthetic table.</summary>
public enum QualityColumnKind
{
    /// <summary>Ordered numbers: compared through their cumulative distribution (KS) and correlation.</summary>
    Numeric,

    /// <summary>Dates and timestamps: compared like numbers, on a day scale.</summary>
    Datetime,

    /// <summary>Labels (text, booleans, small integer codes): compared through their frequencies (TV).</summary>
    Categorical,
}

/// <summary>Decides the <see cref="QualityColumnKind"/> of a column from its value family and, for integers, its cardinality.</summary>
public static class QualityColumnKinds
{
    /// <summary>Integer columns with at most this many distinct values are codes (classes, ratings, counts of few values) and are compared as categories.</summary>
    public const int MaxIntegerCategories = 10;

    public static QualityColumnKind Of(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Family switch
        {
            ValueFamily.Boolean or ValueFamily.Text => QualityColumnKind.Categorical,
            ValueFamily.Real or ValueFamily.Decimal => QualityColumnKind.Numeric,
            ValueFamily.Date or ValueFamily.Timestamp => QualityColumnKind.Datetime,
            ValueFamily.Integer => HasFewDistinctValues((Column<long>)column) ? QualityColumnKind.Categorical : QualityColumnKind.Numeric,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Family, "Unknown value family."),
        };
    }

    private static bool HasFewDistinctValues(Column<long> column)
    {
        var distinct = new HashSet<long>();
        var values = column.Values;
        for (var row = 0; row < values.Length; row++)
        {
            if (!column.IsNull(row) && distinct.Add(values[row]) && distinct.Count > MaxIntegerCategories)
            {
                return false;
            }
        }

        return true;
    }
}
