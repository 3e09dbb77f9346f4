using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>How a column is compared between a real and a synthetic table.</summary>
public enum QualityColumnKind
{
    /// <summary>Ordered numbers: compared through their cumulative distribution (KS) and correlation.</summary>
    Numeric,

    /// <summary>Dates and timestamps: compared like numbers, in time order.</summary>
    Datetime,

    /// <summary>Labels (text, booleans, integer codes with few values): compared through their frequencies (TV).</summary>
    Categorical,
}

/// <summary>
/// The comparison of each schema <see cref="ColumnKind"/> (inferred from the real train column):
/// continuous and integer columns are numeric, categorical and boolean ones categorical, datetimes
/// datetime. Identifier-like columns (ids, emails) are not compared at all: the policy drops or
/// replaces them, so their values say nothing about fidelity.
/// </summary>
public static class QualityColumnKinds
{
    /// <summary>The comparison for a train column, or null when the column is identifier-like.</summary>
    public static QualityColumnKind? Of(Column trainColumn)
    {
        ArgumentNullException.ThrowIfNull(trainColumn);
        return ColumnProfiler.Profile(trainColumn, TableSchema.DefaultDistinctCountBound).Kind switch
        {
            ColumnKind.Continuous or ColumnKind.Integer => QualityColumnKind.Numeric,
            ColumnKind.Datetime => QualityColumnKind.Datetime,
            ColumnKind.Categorical or ColumnKind.Boolean => QualityColumnKind.Categorical,
            _ => null,
        };
    }
}
