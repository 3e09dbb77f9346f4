using PredLlm.Synth.Text;

namespace PredLlm.Synth.Tests.Text;

public class RowTextTests
{
    [Fact]
    public void Ordinary_values_are_written_as_in_the_paper()
    {
        var text = RowText.Format([new("age", "39"), new("workclass", "State-gov"), new("hours-per-week", "40.5"), new("income", "<=50K")]);

        Assert.Equal("age is 39, workclass is State-gov, hours-per-week is 40.5, income is <=50K", text);
    }

    [Fact]
    public void Null_is_the_bare_marker_and_strings_that_look_like_null_are_quoted()
    {
        var text = RowText.Format([new("a", null), new("b", "null"), new("c", ""), new("d", "NA")]);

        Assert.Equal("a is null, b is \"null\", c is \"\", d is NA", text);
        Assert.Equal([new("a", null), new("b", "null"), new("c", ""), new("d", "NA")], RowText.Parse(text));
    }

    [Theory]
    [InlineData("1,5", "\"1,5\"")]
    [InlineData("this is it", "\"this is it\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("ends with is", "\"ends with is\"")]
    [InlineData("is it", "is it")]
    [InlineData("Zürich 東京 🙂", "Zürich 東京 🙂")]
    public void Awkward_values_are_quoted_only_when_needed(string value, string written)
    {
        var text = RowText.Format([new("v", value)]);

        Assert.Equal("v is " + written, text);
        Assert.Equal(value, Assert.Single(RowText.Parse(text)).Value);
    }

    [Fact]
    public void Column_names_with_separators_round_trip()
    {
        RowField[] fields = [new("a, b", "1"), new("x is y", "2"), new("null", "3"), new("", "4"), new("name is", "5")];

        var text = RowText.Format(fields);

        Assert.Equal(fields, RowText.Parse(text));
    }

    [Fact]
    public void Generated_rows_round_trip_exactly_and_stay_on_one_line()
    {
        var random = new Random(20240611);
        for (var row = 0; row < 3000; row++)
        {
            var names = AwkwardStrings.DistinctNames(random, 1 + random.Next(6));
            var fields = names.Select(name => new RowField(name, AwkwardStrings.NextValue(random))).ToArray();

            var text = RowText.Format(fields);
            var parsed = RowText.Parse(text);

            Assert.Equal(fields, parsed);
            Assert.DoesNotContain('\n', text);
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain('\u2028', text);
            Assert.Equal(text, RowText.Format(parsed));
        }
    }

    [Fact]
    public void Unpaired_surrogates_are_escaped_so_the_text_is_well_formed_unicode()
    {
        var text = RowText.Format([new("s", "a\ud800b\udc00")]);

        Assert.Equal("s is \"a\\uD800b\\uDC00\"", text);
        Assert.Equal("a\ud800b\udc00", Assert.Single(RowText.Parse(text)).Value);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("age 39", 0)]
    [InlineData("age is 39,x is 1", 9)]
    [InlineData("age is 39, ", 11)]
    [InlineData("age is 39 , x is 1", 7)]
    [InlineData("age is a is b", 7)]
    [InlineData("age is \"open", 7)]
    [InlineData("age is \"bad \\q escape\"", 12)]
    [InlineData("age is \"x\"y", 10)]
    [InlineData("null is 1", 0)]
    [InlineData("age is 1, age is 2", 10)]
    [InlineData("age is 1, \" padded\" is 2, ", 26)]
    public void Malformed_text_gives_a_clear_error_with_its_position(string text, int position)
    {
        var error = Assert.Throws<MalformedRowException>(() => RowText.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.StartsWith("Row text is malformed at character", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_quote_the_row_content()
    {
        var error = Assert.Throws<MalformedRowException>(() => RowText.Parse("secretname is secret value, other secret"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formatting_in_a_field_order_writes_the_columns_in_that_order()
    {
        string[] names = ["f1", "f2", "y"];
        string?[] values = ["1", null, "yes"];

        var text = RowText.Format(names, values, FieldOrder.Of([1, 0, 2], 3));

        Assert.Equal("f2 is null, f1 is 1, y is yes", text);
    }
}
