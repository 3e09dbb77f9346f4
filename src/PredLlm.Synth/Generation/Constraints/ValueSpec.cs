namespace PredLlm.Synth.Generation.Constraints;

/// <summary>What a column's value may be when a row is decoded under the schema.</summary>
public abstract record ValueSpec
{
    /// <summary>The NULL token is allowed as the whole value.</summary>
    public bool Nullable { get; init; }
}

/// <summary>
/// Exactly one of the observed value texts (a trie over their token sequences). A boolean column is a
/// categorical one over its two texts.
/// </summary>
public sealed record CategoricalSpec(IReadOnlyList<string> Values) : ValueSpec;

/// <summary>
/// An integer in [<paramref name="Min"/>, <paramref name="Max"/>] in canonical form: '-' for negatives,
/// no leading zeros, no "-0". The range also keeps the value inside its physical type.
/// </summary>
public sealed record IntegerSpec(long Min, long Max) : ValueSpec;

/// <summary>
/// A number: '-' when <paramref name="AllowNegative"/>, 1 to <paramref name="MaxIntegerDigits"/> integer
/// digits without leading zeros, then optionally '.' and 1 to <paramref name="MaxDecimals"/> digits, then,
/// when <see cref="ExponentDigits"/> is positive, optionally 'E', a sign and 1 to that many digits (the
/// form .NET's round-trip formatting uses for very small and large doubles).
/// </summary>
public sealed record ContinuousSpec(int MaxIntegerDigits, int MaxDecimals, bool AllowNegative) : ValueSpec
{
    public int ExponentDigits { get; init; }

    /// <summary>Further whole-value texts that are allowed, such as NaN, Infinity or -Infinity when the column holds them.</summary>
    public IReadOnlyList<string> Literals { get; init; } = [];
}

/// <summary>
/// A calendar-valid date and/or time in a <paramref name="Pattern"/> written with .NET custom format
/// letters: yyyy, MM, dd, HH, mm, ss, then either a fixed fraction f (1 to 7 digits) or an optional one .F
/// (".FFFFFFF": left out for whole seconds, else 1 to 7 digits, as .NET writes it), in that order; 'T',
/// 'Z' and non-letters are literal. Examples: "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss.FFFFFFF" (the table's
/// timestamp text), "yyyy-MM-ddTHH:mm:ss.fffZ". Texts it allows parse with DateTime.ParseExact(text, Pattern).
/// </summary>
public sealed record DateTimeSpec(string Pattern) : ValueSpec;
