namespace PredLlm.Synth.Quality;

/// <summary>
/// Equal-width bins over the real values between two quantiles (by default 1% and 99%); values beyond
/// fall into the end bins. Clipping keeps a few extreme rows from squeezing every other value into
/// one bin, and keeps extreme real values out of bin edges shown in the report.
/// </summary>
internal sealed class NumericBinning
{
    private readonly double _width;

    private NumericBinning(double lower, double upper, int binCount)
    {
        Lower = lower;
        Upper = upper;
        BinCount = binCount;
        _width = (upper - lower) / binCount;
    }

    public double Lower { get; }

    public double Upper { get; }

    public int BinCount { get; }

    /// <summary>Bins fitted on the real values (NaN = missing). A column with one value gets one bin.</summary>
    public static NumericBinning Fit(ReadOnlySpan<double> realValues, int binCount, double clipProbability = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var sorted = Quantiles.SortedFinite(realValues);
        if (sorted.Length == 0)
        {
            return new NumericBinning(0, 0, 1);
        }

        var lower = Quantiles.OfSorted(sorted, clipProbability);
        var upper = Quantiles.OfSorted(sorted, 1 - clipProbability);
        if (upper <= lower)
        {
            // Most rows share one value (a spike): bin the whole range instead.
            lower = sorted[0];
            upper = sorted[^1];
        }

        return upper > lower ? new NumericBinning(lower, upper, binCount) : new NumericBinning(lower, lower, 1);
    }

    /// <summary>The bin of a value, or -1 for NaN (missing).</summary>
    public int BinOf(double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        if (BinCount == 1)
        {
            return 0;
        }

        var bin = (int)Math.Floor((value - Lower) / _width);
        return Math.Clamp(bin, 0, BinCount - 1);
    }

    public int[] BinsOf(ReadOnlySpan<double> values)
    {
        var bins = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bins[i] = BinOf(values[i]);
        }

        return bins;
    }

    /// <summary>Lower edge of a bin (the first bin also holds everything below it).</summary>
    public double EdgeBelow(int bin) => Lower + (bin * _width);
}
