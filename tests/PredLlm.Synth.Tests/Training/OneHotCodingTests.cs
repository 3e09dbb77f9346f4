using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Training;

public class OneHotCodingTests
{
    private const int Rows = 12;

    // Row 10 has no colour set and row 11 two: rows a holdout may hold though the train rows never do.
    private static readonly Table Colours = Table(
        Integers("age", Enumerable.Range(0, Rows).Select(row => (long)(20 + row))),
        Dummy("red", Rows, row => (row % 3 == 0 && row < 10) || row == 11),
        Dummy("green", Rows, row => (row % 3 == 1 && row < 10) || row == 11),
        Dummy("blue", Rows, row => row % 3 == 2 && row < 10),
        Texts("label", Repeat(Rows, "a", "b")));

    private static readonly OneHotCoding Coding = new(Colours.Definitions, [new OneHotGroup([1, 2, 3], "1", "0")]);

    [Fact]
    public void A_group_becomes_one_text_column_naming_the_set_member_in_place_of_its_first_member()
    {
        var coded = Coding.Collapse(Colours);

        Assert.Equal(["age", "red|green|blue", "label"], coded.Columns.Select(column => column.Name));
        Assert.Equal(Coding.Coded, coded.Definitions);
        Assert.Equal(["red", "green", "blue", "red"], Enumerable.Range(0, 4).Select(coded[1].Format));
        Assert.Same(Colours["age"], coded["age"]);
        Assert.Equal((null, null), (coded[1].Format(10), coded[1].Format(11)));
    }

    [Fact]
    public void Expanding_the_collapsed_rows_gives_back_the_table_and_a_null_code_sets_no_member()
    {
        var expanded = Coding.Expand(Coding.Collapse(Colours));

        Assert.Equal(Colours.Definitions, expanded.Definitions);
        foreach (var column in new[] { "age", "red", "green", "blue", "label" })
        {
            Assert.Equal(Enumerable.Range(0, 11).Select(Colours[column].Format), Enumerable.Range(0, 11).Select(expanded[column].Format));
        }
        Assert.Equal(["0", "0", "0"], new[] { "red", "green", "blue" }.Select(column => expanded[column].Format(11)));
    }

    [Fact]
    public void The_code_column_name_avoids_the_names_of_the_table_and_overlapping_groups_are_refused()
    {
        var taken = Table(Dummy("x", Rows, row => row % 2 == 0), Dummy("y", Rows, row => row % 2 == 1), Texts("x|y", Repeat(Rows, "p", "q")));
        var coding = new OneHotCoding(taken.Definitions, [new OneHotGroup([0, 1], "1", "0")]);

        Assert.Equal(["x|y'", "x|y"], coding.Coded.Select(definition => definition.Name));
        Assert.Throws<ArgumentException>(() => new OneHotCoding(Colours.Definitions, [new OneHotGroup([1, 2], "1", "0"), new OneHotGroup([2, 3], "1", "0")]));
        Assert.Throws<ArgumentException>(() => new OneHotCoding(Colours.Definitions, [new OneHotGroup([1], "1", "0")]));
    }
}
