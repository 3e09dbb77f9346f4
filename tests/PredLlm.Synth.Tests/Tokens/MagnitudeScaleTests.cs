using PredLlm.Synth.Tables;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Tests.Tokens;

public class MagnitudeScaleTests
{
    private static Column<double> Numbers(string name, IEnumerable<double> values) =>
        Column.Create<double>(new ColumnDefinition(name, ColumnStorage.Double, false), [.. values]);

    [Fact]
    public void Levels_split_the_train_values_into_equal_shares_with_edges_between_train_values()
    {
        var values = Enumerable.Range(0, 1600).Select(i => (double)i).ToArray();

        var scale = MagnitudeScale.For(Numbers("x", values))!;

        Assert.Equal(MagnitudeScale.Levels - 1, scale.Edges.Count);
        Assert.DoesNotContain(scale.Edges, edge => values.Contains(edge));
        var shares = values.GroupBy(scale.LevelOf).Select(level => level.Count()).ToArray();
        Assert.Equal(MagnitudeScale.Levels, shares.Length);
        Assert.All(shares, share => Assert.Equal(100, share));
        Assert.Equal(0, scale.LevelOf(-1e9));
        Assert.Equal(MagnitudeScale.Levels - 1, scale.LevelOf("1e9"));
    }

    [Fact]
    public void Repeated_values_keep_one_level_and_few_values_need_no_scale()
    {
        var skewed = Enumerable.Repeat(0.0, 900).Concat(Enumerable.Range(1, 100).Select(i => (double)i));

        var scale = MagnitudeScale.For(Numbers("x", skewed))!;

        // Fifteen of the sixteen quantiles fall on the zeros: only the top sixteenth starts a level.
        Assert.Equal([37.5], scale.Edges);
        Assert.Null(MagnitudeScale.For(Numbers("x", Enumerable.Range(0, 500).Select(i => (double)(i % 16)))));
        var mostlyZero = MagnitudeScale.For(Numbers("gain", Enumerable.Repeat(0.0, 970).Concat(Enumerable.Range(1, 30).Select(i => i * 100.0))))!;
        Assert.Equal([50.0], mostlyZero.Edges);
        var mostlyTop = MagnitudeScale.For(Numbers("loss", Enumerable.Repeat(9e3, 970).Concat(Enumerable.Range(1, 30).Select(i => i * 100.0))))!;
        Assert.Equal([6e3], mostlyTop.Edges);
    }

    [Fact]
    public void Columns_that_are_not_plain_numbers_get_no_scale()
    {
        var withNaN = Enumerable.Range(0, 100).Select(i => i == 5 ? double.NaN : i);
        var text = Column.Create<string>(new ColumnDefinition("t", ColumnStorage.String, false), [.. Enumerable.Range(0, 100).Select(i => $"v{i}")]);

        Assert.Null(MagnitudeScale.For(Numbers("x", withNaN)));
        Assert.Null(MagnitudeScale.For(text));
    }
}
