using System.Globalization;

namespace PredLlm.Synth.Privacy;

/// <summary>Numbers in reasons as the report shows them: invariant culture, three decimals.</summary>
internal static class Figures
{
    public static string Of(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
