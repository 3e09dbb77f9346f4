using PredLlm.Synth.Training;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Training;

public class OneHotGroupsTests
{
    private const int Rows = 60;

    [Fact]
    public void Adjacent_dummy_columns_with_one_set_per_row_are_a_group_and_other_binary_columns_are_not()
    {
        var table = Table(
            Integers("age", Enumerable.Range(0, Rows).Select(row => (long)(20 + row))),
            Dummy("red", Rows, row => row % 3 == 0),
            Dummy("green", Rows, row => row % 3 == 1),
            Dummy("blue", Rows, row => row % 3 == 2),
            // Binary and never set with red, but not part of the code: some rows have neither.
            Dummy("smoker", Rows, row => row % 3 == 1 && row % 2 == 0),
            Texts("member", Repeat(Rows, "false", "true")),
            Texts("guest", Repeat(Rows, "true", "false")),
            Dummy("label", Rows, row => row % 2 == 0));

        var groups = OneHotGroups.Of(table, target: 7);

        Assert.Equal(2, groups.Count);
        Assert.Equal([1, 2, 3], groups[0].Columns);
        Assert.Equal(("1", "0"), (groups[0].On, groups[0].Off));
        Assert.Equal([5, 6], groups[1].Columns);
        Assert.Equal(("true", "false"), (groups[1].On, groups[1].Off));
    }

    [Fact]
    public void The_target_a_column_with_nulls_or_a_member_never_set_breaks_a_group()
    {
        Assert.Empty(OneHotGroups.Of(Table(Dummy("yes", Rows, row => row % 2 == 0), Dummy("no", Rows, row => row % 2 == 1)), target: 1));
        var withNull = Table(
            Dummy("yes", Rows, row => row % 2 == 0),
            RealsWithNulls("no", Enumerable.Range(0, Rows).Select(row => row == 5 ? null : (double?)(row % 2))),
            Integers("label", Repeat(Rows, "1", "2").Select(long.Parse)));
        Assert.Empty(OneHotGroups.Of(withNull, target: 2));
        // "never" is 0 in every row: a constant beside the code, not a choice within it.
        var neverSet = Table(Dummy("yes", Rows, row => row % 2 == 0), Dummy("no", Rows, row => row % 2 == 1), Dummy("never", Rows, _ => false), Texts("label", Repeat(Rows, "a", "b")));
        Assert.Equal([0, 1], Assert.Single(OneHotGroups.Of(neverSet, target: 3)).Columns);
    }
}
