namespace PredLlm.Synth.Tables;

/// <summary>
/// What the schema says about one column. Min and Max are real values of the table: fine for
/// <c>predllm schema</c> on the user's own machine, but reports and logs must never show them raw.
/// </summary>
public sealed record ColumnProfile
{
    /// <summary>Non-null values a column needs before it can be called identifier-like (a tiny table is all unique).</summary>
    public const int IdentifierMinValues = 20;

    /// <summary>Share of distinct values among non-null ones from which a text or integer column is identifier-like.</summary>
    public const double IdentifierUniqueShare = 0.95;

    /// <summary>Most distinct values an integer column may have and still be categorical.</summary>
    public const int CategoricalMaxDistinct = 20;

    public required string Name { get; init; }

    /// <summary>The storage type as written back, e.g. "int64", "decimal(10,2)", "timestamp(micros, utc)".</summary>
    public required string PhysicalType { get; init; }

    public required ValueFamily Family { get; init; }

    public required ColumnKind Kind { get; init; }

    public required bool Nullable { get; init; }

    public required int NullCount { get; init; }

    /// <summary>Distinct non-null values (NaN counts as one value); a lower bound when <see cref="DistinctCountIsLowerBound"/>.</summary>
    public required int DistinctCount { get; init; }

    /// <summary>True when counting stopped at the bound: there are at least <see cref="DistinctCount"/> distinct values.</summary>
    public required bool DistinctCountIsLowerBound { get; init; }

    /// <summary>Smallest value as invariant text (numbers, dates and timestamps; NaN ignored), or null.</summary>
    public string? Min { get; init; }

    /// <summary>Largest value as invariant text (numbers, dates and timestamps; NaN ignored), or null.</summary>
    public string? Max { get; init; }

    /// <summary>Most digits after the point any value needs (0 for integers; null for non-numbers).</summary>
    public int? DecimalsSeen { get; init; }

    /// <summary>Every value is null.</summary>
    public required bool AllNull { get; init; }

    /// <summary>Exactly one distinct non-null value.</summary>
    public required bool Constant { get; init; }

    public required bool HasNaN { get; init; }

    public required bool HasInfinity { get; init; }

    /// <summary>
    /// The kind rules, in order: booleans are Boolean; dates and timestamps Datetime; reals and decimals
    /// Continuous. Text and integers are IdentifierLike when they have at least <see cref="IdentifierMinValues"/>
    /// non-null values of which at least <see cref="IdentifierUniqueShare"/> are distinct. Otherwise text is
    /// Categorical, and integers are Categorical when they have at most <see cref="CategoricalMaxDistinct"/>
    /// distinct values each seen twice on average, else Integer.
    /// </summary>
    /// <param name="uniqueShare">Distinct share among the non-null values (estimated from those counted when the distinct count hit its bound).</param>
    public static ColumnKind KindOf(ValueFamily family, int nonNullCount, int distinctCount, double uniqueShare) => family switch
    {
        ValueFamily.Boolean => ColumnKind.Boolean,
        ValueFamily.Date or ValueFamily.Timestamp => ColumnKind.Datetime,
        ValueFamily.Real or ValueFamily.Decimal => ColumnKind.Continuous,
        _ when nonNullCount >= IdentifierMinValues && uniqueShare >= IdentifierUniqueShare => ColumnKind.IdentifierLike,
        ValueFamily.Text => ColumnKind.Categorical,
        _ when distinctCount <= CategoricalMaxDistinct && nonNullCount >= 2 * distinctCount => ColumnKind.Categorical,
        _ => ColumnKind.Integer,
    };
}
