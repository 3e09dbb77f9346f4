namespace PredLlm.Synth.Privacy.Statistics;

/// <summary>
/// How well an attack's scores (higher = "was in the training data") separate members (train rows) from
/// non-members (holdout rows): the ROC AUC with DeLong's variance, and the true-positive rate at a low
/// false-positive rate read off the ROC curve, ties split evenly (the curve a random tie-break gives on average).
/// </summary>
internal sealed class MembershipScores
{
    private readonly double[] _members;
    private readonly double[] _nonMembers;

    public MembershipScores(double[] members, double[] nonMembers)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(nonMembers);
        if (members.Length == 0 || nonMembers.Length == 0)
        {
            throw new ArgumentException("An attack needs both members and non-members to score.");
        }

        _members = members;
        _nonMembers = nonMembers;
    }

    public int MemberCount => _members.Length;

    public int NonMemberCount => _nonMembers.Length;

    /// <summary>Standard error of the AUC when the attack does no better than chance (Mann-Whitney under the null).</summary>
    public static double NullAucStandardError(int members, int nonMembers) =>
        Math.Sqrt((members + nonMembers + 1.0) / (12.0 * members * nonMembers));

    /// <summary>The AUC and its DeLong interval at <paramref name="level"/>.</summary>
    public (double Auc, ConfidenceInterval Interval) Auc(double level)
    {
        var m = _members.Length;
        var n = _nonMembers.Length;
        var all = new double[m + n];
        _members.CopyTo(all, 0);
        _nonMembers.CopyTo(all, m);
        var overall = MidRanks(all);
        var withinMembers = MidRanks(_members);
        var withinNonMembers = MidRanks(_nonMembers);

        // DeLong's structural components: for each member, the share of non-members it outscores; for each
        // non-member, the share of members that outscore it (ties half).
        var memberComponents = new double[m];
        for (var i = 0; i < m; i++)
        {
            memberComponents[i] = (overall[i] - withinMembers[i]) / n;
        }

        var nonMemberComponents = new double[n];
        for (var j = 0; j < n; j++)
        {
            nonMemberComponents[j] = 1 - ((overall[m + j] - withinNonMembers[j]) / m);
        }

        var auc = memberComponents.Average();
        var variance = (SampleVariance(memberComponents) / m) + (SampleVariance(nonMemberComponents) / n);
        var half = Normal.Quantile(0.5 + (level / 2)) * Math.Sqrt(variance);
        return (auc, new ConfidenceInterval(Math.Max(0, auc - half), Math.Min(1, auc + half), level));
    }

    /// <summary>True-positive rate at false-positive rate <paramref name="fpr"/>.</summary>
    public double TruePositiveRateAt(double fpr) => TruePositiveRateAt(_members, _nonMembers, fpr);

    /// <summary>The rate with a percentile bootstrap interval (members and non-members resampled, seeded).</summary>
    public (double Rate, ConfidenceInterval Interval) TruePositiveRateAt(double fpr, double level, int rounds, int seed)
    {
        var random = new Random(seed);
        var rates = new double[rounds];
        var members = new double[_members.Length];
        var nonMembers = new double[_nonMembers.Length];
        for (var b = 0; b < rounds; b++)
        {
            Bootstrap.Resample(_members, members, random);
            Bootstrap.Resample(_nonMembers, nonMembers, random);
            rates[b] = TruePositiveRateAt(members, nonMembers, fpr);
        }

        Array.Sort(rates);
        return (TruePositiveRateAt(fpr), Bootstrap.PercentileInterval(rates, level));
    }

    /// <summary>These scores restricted to the given members and non-members (by position).</summary>
    public MembershipScores Subset(IEnumerable<int> members, IEnumerable<int> nonMembers) =>
        new([.. members.Select(i => _members[i])], [.. nonMembers.Select(j => _nonMembers[j])]);

    private static double TruePositiveRateAt(double[] members, double[] nonMembers, double fpr)
    {
        var sortedMembers = members.OrderDescending().ToArray();
        var sortedNonMembers = nonMembers.OrderDescending().ToArray();

        // Walk the thresholds from the highest score down; between two ROC points the curve is a straight line.
        int tp = 0, fp = 0;
        double previousTpr = 0, previousFpr = 0;
        while (tp < sortedMembers.Length || fp < sortedNonMembers.Length)
        {
            var threshold = Math.Max(
                tp < sortedMembers.Length ? sortedMembers[tp] : double.NegativeInfinity,
                fp < sortedNonMembers.Length ? sortedNonMembers[fp] : double.NegativeInfinity);
            while (tp < sortedMembers.Length && sortedMembers[tp] == threshold)
            {
                tp++;
            }

            while (fp < sortedNonMembers.Length && sortedNonMembers[fp] == threshold)
            {
                fp++;
            }

            var tpr = tp / (double)sortedMembers.Length;
            var currentFpr = fp / (double)sortedNonMembers.Length;
            if (currentFpr >= fpr)
            {
                return currentFpr == previousFpr
                    ? tpr
                    : previousTpr + ((tpr - previousTpr) * (fpr - previousFpr) / (currentFpr - previousFpr));
            }

            previousTpr = tpr;
            previousFpr = currentFpr;
        }

        return 1;
    }

    // 1-based ranks, ties given the mean of the ranks they span.
    private static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double SampleVariance(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1);
    }
}
