namespace PredLlm.Synth.Privacy.Statistics;

/// <summary>The standard normal distribution: tail probabilities and quantiles for tests and intervals.</summary>
internal static class Normal
{
    /// <summary>P(Z &lt;= x).</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>P(Z &gt; x), accurate far into the upper tail.</summary>
    public static double UpperTail(double x) => 0.5 * Erfc(x / Math.Sqrt(2));

    /// <summary>The x with P(Z &lt;= x) = p (Acklam's rational approximation, refined by one Halley step).</summary>
    public static double Quantile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1.0);
        const double Low = 0.02425;
        double x;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = Tail(q);
        }
        else if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -Tail(q);
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }

        // One Halley step brings the approximation to full double precision.
        var error = Cdf(x) - p;
        var u = error * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static double Tail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);

    // Complementary error function (Chebyshev fit, fractional error below 1.2e-7 everywhere).
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var value = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? value : 2 - value;
    }
}
