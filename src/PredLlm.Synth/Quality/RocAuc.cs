namespace PredLlm.Synth.Quality;

/// <summary>
/// Area under the ROC curve from scores and labels, with row weights (bootstrap counts): the
/// probability that a positive outscores a negative, ties counting half (Mann-Whitney). The rows are
/// sorted once; each weighted evaluation is a linear sweep.
/// </summary>
internal sealed class RocAuc
{
    private readonly double[] _scores;
    private readonly bool[] _positive;
    private readonly int[] _order;

    public RocAuc(double[] scores, bool[] positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        _scores = scores;
        _positive = positive;
        _order = [.. Enumerable.Range(0, scores.Length).OrderBy(row => scores[row])];
    }

    /// <summary>The AUC under the given row weights; NaN when either class has no weight.</summary>
    public double Compute(ReadOnlySpan<int> weights)
    {
        double area = 0, negativesBelow = 0, positives = 0;
        var at = 0;
        while (at < _order.Length)
        {
            // One group of equal scores at a time: positives in it beat the negatives below and tie with those inside.
            double groupPositives = 0, groupNegatives = 0;
            var score = _scores[_order[at]];
            while (at < _order.Length && _scores[_order[at]] == score)
            {
                var row = _order[at++];
                if (_positive[row])
                {
                    groupPositives += weights[row];
                }
                else
                {
                    groupNegatives += weights[row];
                }
            }

            area += groupPositives * (negativesBelow + (groupNegatives / 2));
            negativesBelow += groupNegatives;
            positives += groupPositives;
        }

        return positives > 0 && negativesBelow > 0 ? area / (positives * negativesBelow) : double.NaN;
    }

    public double Compute()
    {
        var ones = new int[_scores.Length];
        Array.Fill(ones, 1);
        return Compute(ones);
    }
}
