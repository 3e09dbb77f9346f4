namespace PredLlm.Synth.Tables;

/// <summary>
/// What a column means, as far as its values tell (see <see cref="ColumnProfile.KindOf"/> for the rules).
/// The model, the quality metrics and the privacy policy treat each kind differently.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The kinds are named as DESIGN.md names them.")]
public enum ColumnKind
{
    /// <summary>Real or decimal numbers.</summary>
    Continuous,

    /// <summary>Whole numbers with many distinct values (counts, amounts, ages).</summary>
    Integer,

    /// <summary>Text, or whole numbers with few distinct values (codes, labels).</summary>
    Categorical,

    Boolean,

    /// <summary>Dates and timestamps.</summary>
    Datetime,

    /// <summary>Text or whole numbers that are nearly all unique: ids, emails, names. The policy decides
    /// whether such a column is dropped, regenerated as fresh ids, or makes the table refused.</summary>
    IdentifierLike,
}
