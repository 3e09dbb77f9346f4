using System.Globalization;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>One bar of a distribution plot: a range of values or a category, and the share of rows in it.</summary>
public sealed record DistributionBin(string Label, double RealShare, double SyntheticShare);

/// <summary>
/// A column's distribution, real (train) beside synthetic, as the report may show it: shares of the
/// rows with a value, and the shares of missing values.
/// </summary>
public sealed record ColumnDistribution(string Column, QualityColumnKind Kind, IReadOnlyList<DistributionBin> Bins, double RealMissingShare, double SyntheticMissingShare);

/// <summary>
/// Builds <see cref="ColumnDistribution"/>s that obey the report's hygiene rules: aggregates only;
/// numbers in <see cref="NumericBins"/> equal-width bins between the train split's 1% and 99%
/// quantiles (extremes clipped into the end bins, so no minimum or maximum is ever shown), adjacent
/// bins merged until each holds at least <see cref="MinRealRows"/> real rows; categories shown only
/// when at least <see cref="MinRealRows"/> real rows hold them (at most <see cref="MaxCategories"/>), all others merged into one "other" bar.
/// </summary>
internal static class ColumnDistributions
{
    public const int NumericBins = 20;
    public const int MinRealRows = 5;
    public const int MaxCategories = 20;

    public static ColumnDistribution Of(AlignedColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var bins = column.IsCategorical ? Categorical(column) : Numeric(column);
        return new ColumnDistribution(column.Name, column.Kind, bins, MissingShare(column.Train), MissingShare(column.Synthetic));
    }

    private static double MissingShare(ColumnSample sample) => (double)sample.MissingCount / sample.Count;

    private static DistributionBin[] Categorical(AlignedColumn column)
    {
        var categories = column.Categories!;
        var real = Counts(column.Train.Codes!, categories.Count);
        var synthetic = Counts(column.Synthetic.Codes!, categories.Count);
        // Codes run from the most frequent train category down, so the shown ones are a prefix.
        var shown = Enumerable.Range(0, Math.Min(MaxCategories, categories.TrainCategoryCount)).TakeWhile(code => real[code] >= MinRealRows).ToArray();
        var realTotal = real.Sum();
        var syntheticTotal = synthetic.Sum();
        var bins = shown.Select(code => new DistributionBin(categories.Labels[code], Share(real[code], realTotal), Share(synthetic[code], syntheticTotal))).ToList();
        var otherCategories = categories.Count - shown.Length;
        if (otherCategories > 0)
        {
            var realOther = realTotal - shown.Sum(code => real[code]);
            var syntheticOther = syntheticTotal - shown.Sum(code => synthetic[code]);
            var label = string.Create(CultureInfo.InvariantCulture, $"other ({otherCategories} categories)");
            bins.Add(new DistributionBin(label, Share(realOther, realTotal), Share(syntheticOther, syntheticTotal)));
        }

        return [.. bins];
    }

    private static DistributionBin[] Numeric(AlignedColumn column)
    {
        var binning = NumericBinning.Fit(column.Train.Numbers!, NumericBins);
        var real = Counts(binning.BinsOf(column.Train.Numbers!), binning.BinCount);
        var synthetic = Counts(binning.BinsOf(column.Synthetic.Numbers!), binning.BinCount);
        var realTotal = real.Sum();
        var syntheticTotal = synthetic.Sum();
        if (realTotal == 0)
        {
            return [];
        }

        // Merge each run of bins until it holds enough real rows; a short tail joins the last run.
        var runs = new List<(int First, int Last, long Real, long Synthetic)>();
        var start = 0;
        long realRun = 0, syntheticRun = 0;
        for (var bin = 0; bin < binning.BinCount; bin++)
        {
            realRun += real[bin];
            syntheticRun += synthetic[bin];
            if (realRun >= MinRealRows)
            {
                runs.Add((start, bin, realRun, syntheticRun));
                (start, realRun, syntheticRun) = (bin + 1, 0, 0);
            }
        }

        if (start < binning.BinCount)
        {
            var last = runs[^1];
            runs[^1] = (last.First, binning.BinCount - 1, last.Real + realRun, last.Synthetic + syntheticRun);
        }

        return [.. runs.Select(run => new DistributionBin(
            RangeLabel(column.Family, binning, run.First, run.Last),
            Share(run.Real, realTotal),
            Share(run.Synthetic, syntheticTotal)))];
    }

    /// <summary>Half-open ranges; the end bins are open-ended because they hold the clipped extremes.</summary>
    private static string RangeLabel(ValueFamily family, NumericBinning binning, int first, int last)
    {
        var isFirst = first == 0;
        var isLast = last == binning.BinCount - 1;
        return (isFirst, isLast) switch
        {
            (true, true) => "all values",
            (true, false) => $"< {Format(family, binning.EdgeBelow(last + 1))}",
            (false, true) => $"\u2265 {Format(family, binning.EdgeBelow(first))}",
            _ => $"{Format(family, binning.EdgeBelow(first))} \u2013 {Format(family, binning.EdgeBelow(last + 1))}",
        };
    }

    /// <summary>A bin edge as the report shows it: dates as dates, numbers rounded to 3 decimals.</summary>
    private static string Format(ValueFamily family, double value) => family switch
    {
        ValueFamily.Date => ValueText.FormatDate(DateOnly.FromDayNumber((int)Math.Clamp(Math.Floor(value), 0, DateOnly.MaxValue.DayNumber))),
        ValueFamily.Timestamp => new DateTime((long)Math.Clamp(value, 0, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static long[] Counts(int[] index, int size)
    {
        var counts = new long[size];
        foreach (var at in index)
        {
            if (at >= 0)
            {
                counts[at]++;
            }
        }

        return counts;
    }

    private static double Share(long count, long total) => total > 0 ? (double)count / total : 0;
}
