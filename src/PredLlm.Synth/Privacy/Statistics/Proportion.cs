namespace PredLlm.Synth.Privacy.Statistics;

/// <summary>A share of <see cref="Trials"/> trials that succeeded (successes may be fractional: ties count half).</summary>
internal readonly record struct Proportion(double Successes, int Trials)
{
    public double Share => Trials == 0 ? 0 : Successes / Trials;

    /// <summary>Wilson score interval, two-sided at <paramref name="level"/>.</summary>
    public ConfidenceInterval Wilson(double level)
    {
        var (lower, upper) = WilsonBounds(Normal.Quantile(0.5 + (level / 2)));
        return new ConfidenceInterval(lower, upper, level);
    }

    /// <summary>One-sided upper Wilson bound at <paramref name="level"/> (the share is below it with that confidence).</summary>
    public double WilsonUpper(double level) => WilsonBounds(Normal.Quantile(level)).Upper;

    /// <summary>One-sided lower Wilson bound at <paramref name="level"/>.</summary>
    public double WilsonLower(double level) => WilsonBounds(Normal.Quantile(level)).Lower;

    /// <summary>
    /// One-sided two-proportion z-test of "this share is larger than <paramref name="baseline"/>'s", with the
    /// pooled variance; 1 when there is no variation to test.
    /// </summary>
    public double PValueAbove(Proportion baseline)
    {
        var pooled = (Successes + baseline.Successes) / (Trials + baseline.Trials);
        var variance = pooled * (1 - pooled) * ((1.0 / Trials) + (1.0 / baseline.Trials));
        var difference = Share - baseline.Share;
        if (variance <= 0)
        {
            return difference > 0 ? 0 : 1;
        }

        return Normal.UpperTail(difference / Math.Sqrt(variance));
    }

    /// <summary>Newcombe's hybrid score interval for this share minus <paramref name="other"/>'s.</summary>
    public ConfidenceInterval DifferenceInterval(Proportion other, double level)
    {
        var own = Wilson(level);
        var theirs = other.Wilson(level);
        var difference = Share - other.Share;
        var lower = difference - Math.Sqrt(Square(Share - own.Lower) + Square(theirs.Upper - other.Share));
        var upper = difference + Math.Sqrt(Square(own.Upper - Share) + Square(other.Share - theirs.Lower));
        return new ConfidenceInterval(lower, upper, level);
    }

    private (double Lower, double Upper) WilsonBounds(double z)
    {
        if (Trials == 0)
        {
            return (0, 1);
        }

        var p = Share;
        var n = (double)Trials;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static double Square(double x) => x * x;
}
