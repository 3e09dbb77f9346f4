using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

/// <summary>The report's plots must not leak: no rare category, no extreme value, no bin of fewer than 5 real rows.</summary>
public class ColumnDistributionsTests
{
    [Fact]
    public void Rare_categories_are_merged_into_other_and_never_named()
    {
        var values = Repeat(200, "common", "usual").Concat(["Rare Person", "Another Rare"]).ToArray();
        var real = Table(Texts("name", values));
        var synthetic = Table(Texts("name", Repeat(202, "common", "usual", "invented")));

        var distribution = ColumnDistributions.Of(Align(real, real, synthetic).Columns[0]);

        Assert.Equal(["common", "usual", "other (3 categories)"], distribution.Bins.Select(bin => bin.Label));
        Assert.Equal(2.0 / 202, distribution.Bins[^1].RealShare, 12);
        Assert.Equal(1.0 / 3, distribution.Bins[^1].SyntheticShare, 2);
    }

    [Fact]
    public void Extreme_values_are_clipped_and_every_bin_holds_at_least_five_real_rows()
    {
        var values = Enumerable.Range(0, 300).Select(i => (double)(i % 100)).Append(987654321).ToArray();
        var real = Table(Reals("income", values));

        var distribution = ColumnDistributions.Of(Align(real, real, real).Columns[0]);

        Assert.DoesNotContain(distribution.Bins, bin => bin.Label.Contains("987", StringComparison.Ordinal));
        Assert.All(distribution.Bins, bin => Assert.True(bin.RealShare * values.Length >= 5 - 1e-9, $"{bin.Label}: {bin.RealShare}"));
        Assert.StartsWith("<", distribution.Bins[0].Label, StringComparison.Ordinal);
        Assert.StartsWith("\u2265", distribution.Bins[^1].Label, StringComparison.Ordinal);
        Assert.Equal(1.0, distribution.Bins.Sum(bin => bin.RealShare), 9);
    }
}
