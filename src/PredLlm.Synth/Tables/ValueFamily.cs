namespace PredLlm.Synth.Tables;

/// <summary>
/// How the values of a column are held in memory. One CLR type per family, whatever the width of the
/// source type: every later stage handles seven kinds of value, not every Parquet type.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members are named after the Parquet and .NET types they stand for.")]
public enum ValueFamily
{
    /// <summary><see cref="bool"/>.</summary>
    Boolean,

    /// <summary><see cref="long"/>: signed integers of 8 to 64 bits and unsigned ones of 8 to 32 bits.</summary>
    Integer,

    /// <summary><see cref="double"/>; a float source is remembered by the storage so it is written back as float.</summary>
    Real,

    /// <summary><see cref="decimal"/> at the column's scale.</summary>
    Decimal,

    /// <summary><see cref="string"/>.</summary>
    Text,

    /// <summary><see cref="DateOnly"/>.</summary>
    Date,

    /// <summary><see cref="DateTime"/> whose ticks are the stored time (UTC for UTC-adjusted columns); its Kind means
    /// nothing. The storage keeps the source's unit.</summary>
    Timestamp,
}

/// <summary>The CLR type that holds each family's values.</summary>
public static class ValueFamilyExtensions
{
    public static Type ClrType(this ValueFamily family) => family switch
    {
        ValueFamily.Boolean => typeof(bool),
        ValueFamily.Integer => typeof(long),
        ValueFamily.Real => typeof(double),
        ValueFamily.Decimal => typeof(decimal),
        ValueFamily.Text => typeof(string),
        ValueFamily.Date => typeof(DateOnly),
        ValueFamily.Timestamp => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown value family."),
    };
}
