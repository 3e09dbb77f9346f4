using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Tests.Privacy.Statistics;

public class StatisticsTests
{
    [Fact]
    public void Normal_quantiles_and_tails_match_tables()
    {
        Assert.Equal(1.959964, Normal.Quantile(0.975), 5);
        Assert.Equal(2.326348, Normal.Quantile(0.99), 5);
        Assert.Equal(-1.644854, Normal.Quantile(0.05), 5);
        Assert.Equal(-3.090232, Normal.Quantile(0.001), 5);
        Assert.Equal(0.975002, Normal.Cdf(1.96), 5);
        Assert.Equal(0.0013499, Normal.UpperTail(3), 6);
    }

    [Fact]
    public void Wilson_interval_of_8_in_10_is_the_textbook_one()
    {
        var interval = new Proportion(8, 10).Wilson(0.95);

        Assert.Equal(0.4902, interval.Lower, 4);
        Assert.Equal(0.9433, interval.Upper, 4);
    }

    [Fact]
    public void Wilson_interval_of_no_successes_starts_at_zero_and_is_not_degenerate()
    {
        var interval = new Proportion(0, 20).Wilson(0.95);

        Assert.Equal(0, interval.Lower, 10);
        Assert.Equal(0.1611, interval.Upper, 4);
    }

    [Fact]
    public void Two_proportion_test_gives_the_one_sided_pooled_p_value()
    {
        // 45/100 vs 30/100: pooled 0.375, z = 0.15 / sqrt(0.375 * 0.625 * 0.02) = 2.191.
        var p = new Proportion(45, 100).PValueAbove(new Proportion(30, 100));

        Assert.Equal(0.01423, p, 4);
        Assert.True(new Proportion(30, 100).PValueAbove(new Proportion(45, 100)) > 0.98);
        Assert.Equal(1, new Proportion(0, 50).PValueAbove(new Proportion(0, 50)));
    }

    [Fact]
    public void Newcombe_interval_matches_his_worked_example()
    {
        // Newcombe (1998), method 10: 56/70 - 48/80 = 0.2, 95% interval 0.0524 to 0.3339.
        var interval = new Proportion(56, 70).DifferenceInterval(new Proportion(48, 80), 0.95);

        Assert.Equal(0.0524, interval.Lower, 3);
        Assert.Equal(0.3339, interval.Upper, 3);
    }

    [Fact]
    public void Auc_counts_ties_as_half_and_its_interval_contains_it()
    {
        var scores = new MembershipScores([3, 4, 5], [1, 2, 3]);

        var (auc, interval) = scores.Auc(0.95);

        Assert.Equal(8.5 / 9, auc, 10);
        Assert.True(interval.Lower < auc && auc <= interval.Upper);
    }

    [Fact]
    public void Auc_is_one_for_perfect_separation_and_half_for_identical_scores()
    {
        Assert.Equal(1, new MembershipScores([5, 6, 7], [1, 2]).Auc(0.95).Auc);
        Assert.Equal(0.5, new MembershipScores([1, 1, 1], [1, 1]).Auc(0.95).Auc);
        Assert.Equal(0, new MembershipScores([1, 2], [5, 6, 7]).Auc(0.95).Auc);
    }

    [Fact]
    public void Delong_interval_narrows_with_more_rows()
    {
        var random = new Random(1);
        double[] Draw(int n, double shift) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() + shift)];

        var small = new MembershipScores(Draw(50, 0.1), Draw(50, 0)).Auc(0.95).Interval;
        var large = new MembershipScores(Draw(5000, 0.1), Draw(5000, 0)).Auc(0.95).Interval;

        Assert.True(large.Upper - large.Lower < (small.Upper - small.Lower) / 5);
        Assert.InRange(0.5 + 0.1 - 0.005, large.Lower, large.Upper); // true AUC of U(0,1)+0.1 vs U(0,1) is 0.595
    }

    [Fact]
    public void True_positive_rate_at_low_false_positive_rate_reads_the_roc_curve()
    {
        // Non-members 0..99; members 50 scores above every non-member and 50 below: at 1% FPR half are found.
        double[] nonMembers = [.. Enumerable.Range(0, 100).Select(i => (double)i)];
        double[] members = [.. Enumerable.Range(0, 50).Select(i => 1000.0 + i).Concat(Enumerable.Range(0, 50).Select(i => -1.0 - i))];

        Assert.Equal(0.5, new MembershipScores(members, nonMembers).TruePositiveRateAt(0.01), 10);
        // Identical scores: the ROC curve is the diagonal, so the rate equals the false-positive rate.
        Assert.Equal(0.01, new MembershipScores([1, 1, 1, 1], [1, 1, 1, 1]).TruePositiveRateAt(0.01), 10);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(2.5, Quantiles.OfSorted(sorted, 0.5));
        Assert.Equal(1, Quantiles.OfSorted(sorted, 0));
        Assert.Equal(0.5, Quantiles.ShareAtOrBelow(sorted, 2));
    }
}
