using System.Globalization;

namespace PredLlm.Synth.Tables;

/// <summary>
/// The one culture-invariant text form of every value, used wherever a value becomes text (schema,
/// model input, reports) and back. Formatting then parsing gives back exactly the same value:
/// doubles and floats in their shortest round-trip form (NaN, Infinity, -Infinity, -0 included),
/// decimals at their column's scale ("1.20" stays "1.20"), dates and timestamps in ISO 8601.
/// </summary>
public static class ValueText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private const NumberStyles RealStyle = NumberStyles.Float;
    private const NumberStyles DecimalStyle = IntegerStyle | NumberStyles.AllowDecimalPoint;
    private const DateTimeStyles TimestampStyle = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

    // Written with 'T' and the shortest exact fraction; read also with a space and with a zone
    // designator (converted to UTC), which is how CSV exports usually spell them.
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static string FormatBoolean(bool value) => value ? "true" : "false";

    public static string FormatInteger(long value) => value.ToString(Invariant);

    /// <summary>Shortest text that parses back to the same double (or, for a float column, the same float).</summary>
    public static string FormatReal(double value, bool singlePrecision = false) =>
        singlePrecision ? ((float)value).ToString("R", Invariant) : value.ToString("R", Invariant);

    /// <summary>The decimal with exactly <paramref name="scale"/> digits after the point.</summary>
    public static string FormatDecimal(decimal value, int scale) =>
        value.ToString("F" + scale.ToString(Invariant), Invariant);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", Invariant);

    /// <summary>ISO 8601 without a zone, with as many fraction digits as the value needs (none for whole seconds).</summary>
    public static string FormatTimestamp(DateTime value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", Invariant);

    /// <summary>"true" or "false", any letter case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return trimmed.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, IntegerStyle, Invariant, out value);

    /// <summary>Invariant decimal or exponent notation, plus NaN and infinities as .NET, Python and R spell them.</summary>
    public static bool TryParseReal(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, RealStyle, Invariant, out value))
        {
            return true;
        }

        return TryParseSpecialReal(text.Trim(), out value);
    }

    public static bool TryParseFloat(ReadOnlySpan<char> text, out float value)
    {
        if (float.TryParse(text, RealStyle, Invariant, out value))
        {
            return true;
        }

        var parsed = TryParseSpecialReal(text.Trim(), out var special);
        value = (float)special;
        return parsed;
    }

    /// <summary>Plain decimal notation (no exponent), as long as it fits <see cref="decimal"/>.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, DecimalStyle, Invariant, out value);

    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out value);

    /// <summary>ISO 8601 date and time; a zone designator, when present, is converted to UTC.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text, TimestampFormats, Invariant, TimestampStyle, out value);

    /// <summary>Digits after the point in a decimal's text form ("1.250" has 3): its scale as written.</summary>
    public static int DigitsAfterPoint(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        var exponent = trimmed.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            trimmed = trimmed[..exponent];
        }

        var point = trimmed.IndexOf('.');
        return point < 0 ? 0 : trimmed.Length - point - 1;
    }

    private static bool TryParseSpecialReal(ReadOnlySpan<char> text, out double value)
    {
        var sign = 1.0;
        var body = text;
        if (body.Length > 0 && (body[0] == '-' || body[0] == '+'))
        {
            sign = body[0] == '-' ? -1.0 : 1.0;
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        value = 0;
        return false;
    }
}
