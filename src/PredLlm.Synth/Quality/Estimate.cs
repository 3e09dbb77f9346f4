namespace PredLlm.Synth.Quality;

/// <summary>A statistic and, where it has one, its 95% confidence interval.</summary>
/// <param name="Value">The statistic on the data as given; NaN when it is undefined (for instance a correlation of a constant column).</param>
/// <param name="Lower">Lower end of the 95% interval, or null when the statistic has none.</param>
/// <param name="Upper">Upper end of the 95% interval, or null when the statistic has none.</param>
public sealed record Estimate(double Value, double? Lower = null, double? Upper = null)
{
    public bool HasInterval => Lower is not null && Upper is not null;

    public static Estimate Exact(double value) => new(value);
}

/// <summary>
/// A similarity score of the synthetic table against the real train split, beside the same score of
/// the real holdout against train: what a generator that learnt the distribution and nothing more
/// would reach. A synthetic score far below its reference is a fidelity gap; far above is suspicious.
/// </summary>
public sealed record ComparedScore(Estimate Synthetic, Estimate Reference);
