using System.Globalization;

namespace PredLlm.Synth.Report;

/// <summary>Numbers as the report shows them (hygiene: three decimals, invariant culture), and undefined ones as "n/a".</summary>
internal static class ReportFigures
{
    public const int Decimals = 3;

    /// <summary>The value rounded to <see cref="Decimals"/> places, or null when it is not a finite number.</summary>
    public static double? Rounded(double value) =>
        double.IsFinite(value) ? Math.Round(value, Decimals, MidpointRounding.AwayFromZero) : null;

    public static string Text(double value) =>
        Rounded(value) is { } rounded ? rounded.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan elapsed) => Text(elapsed.TotalSeconds);
}
