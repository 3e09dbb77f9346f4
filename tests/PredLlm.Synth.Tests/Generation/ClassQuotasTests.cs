using PredLlm.Synth.Generation;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Generation;

public class ClassQuotasTests
{
    private static Column<string> Labels(params string?[] labels) =>
        Column.Create<string>(new ColumnDefinition("label", ColumnStorage.String, labels.Contains(null)), [.. labels.Select(label => label ?? "")], [.. labels.Select(label => label is null)]);

    private static string?[] Repeat(string? label, int count) => [.. Enumerable.Repeat(label, count)];

    private static Dictionary<string, int> ClassCounts(Column target, IEnumerable<int> rows) =>
        rows.GroupBy(row => target.Format(row) ?? "null").ToDictionary(group => group.Key, group => group.Count());

    [Fact]
    public void A_regression_target_has_no_quotas()
    {
        var values = Enumerable.Range(0, 100).Select(value => value * 1.5).ToArray();
        Assert.Null(ClassQuotas.For(Column.Create<double>(new ColumnDefinition("price", ColumnStorage.Double, false), values), 10));
    }

    [Fact]
    public void Quotas_follow_the_train_shares_rounded_so_they_sum_to_the_rows()
    {
        // Train shares 5/8, 2/8 and 1/8 of 10 rows: 6.25, 2.5 and 1.25; the largest remainder gives 2.5 the last row.
        var train = Labels([.. Repeat("a", 5), .. Repeat("b", 2), null]);
        var quotas = ClassQuotas.For(train, 10)!;
        var generated = Labels([.. Repeat("a", 9), .. Repeat("b", 9), .. Repeat(null, 9)]);

        var kept = quotas.Select(generated, 10, new Random(1));

        Assert.Equal(10, kept.Distinct().Count());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 6, ["b"] = 3, ["null"] = 1 }, ClassCounts(generated, kept));
    }

    [Fact]
    public void A_class_the_model_wrote_too_rarely_is_made_up_from_the_other_classes()
    {
        var quotas = ClassQuotas.For(Labels([.. Repeat("yes", 5), .. Repeat("no", 5)]), 10)!;
        var generated = Labels([.. Repeat("yes", 2), .. Repeat("no", 20)]);

        var kept = quotas.Select(generated, 10, new Random(1));

        Assert.Equal(new Dictionary<string, int> { ["yes"] = 2, ["no"] = 8 }, ClassCounts(generated, kept));
    }

    [Fact]
    public void Counting_written_rows_tells_which_classes_are_full_and_whether_one_is_short()
    {
        var quotas = ClassQuotas.For(Labels("yes", "no", "no", "no"), 4)!;
        Assert.True(quotas.AnyShort);

        quotas.Count("no");
        quotas.Count("no");
        quotas.Count("no");
        Assert.True(quotas.IsFull("no"));
        Assert.False(quotas.IsFull("yes"));
        Assert.True(quotas.AnyShort);

        quotas.Count("yes");
        Assert.False(quotas.AnyShort);
        Assert.True(quotas.IsFull("maybe"));
    }
}
