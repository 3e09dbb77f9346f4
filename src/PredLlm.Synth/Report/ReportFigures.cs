using System.Globalization;

namespace PredLlm.Synth.Report;

/// <summary>Numbers as the report shows them (hygiene: three decimals, invariant culture), and undefined ones as "n/a".</summary>
internal static class ReportFigures
{
    public const int Decimals = 3;

    /// <summary>The value rounded to <see cref="Decimals"/> places, or null when it is not a finite number.</summary>
    public static double? Rounded(double value) =>
        double.IsFinite(value) ? Math.Round(value, Decimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>Three decimals; whole numbers from 10 up (row counts) without any.</summary>
    public static string Text(double value) => Rounded(value) switch
    {
        null => "n/a",
        { } whole when Math.Abs(whole) >= 10 && whole == Math.Floor(whole) => whole.ToString("0", CultureInfo.InvariantCulture),
        { } rounded => rounded.ToString("0.000", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A value compared with a bound, with as many decimals (3 to 6) as it takes for the text to show on
    /// which side of the bound the value lies: 0.99997 against a minimum of 1 reads "0.99997", not "1.000".
    /// </summary>
    public static double? Against(double value, double bound)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        for (var decimals = Decimals; decimals < 6; decimals++)
        {
            var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            if (Math.Sign(rounded - bound) == Math.Sign(value - bound))
            {
                return rounded;
            }
        }

        return Math.Round(value, 6, MidpointRounding.AwayFromZero);
    }

    public static string TextAgainst(double value, double bound) => Against(value, bound) is { } shown
        ? shown.ToString(Math.Round(shown, Decimals) == shown ? "0.000" : "0.000###", CultureInfo.InvariantCulture)
        : "n/a";

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan elapsed) => Text(elapsed.TotalSeconds);
}
