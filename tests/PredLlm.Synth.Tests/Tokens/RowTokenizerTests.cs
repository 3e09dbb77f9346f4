using PredLlm.Synth.Tests.Text;
using PredLlm.Synth.Text;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Tests.Tokens;

public class RowTokenizerTests
{
    private static readonly string[] Columns = ["a", "b", "y"];

    [Fact]
    public void A_row_is_begin_then_each_name_followed_by_its_value_then_end()
    {
        var vocabulary = Vocabulary.Build(Columns, ["1", "yes"]);
        var tokenizer = new RowTokenizer(vocabulary);
        var one = Assert.Single(vocabulary.EncodeValue("1").ToArray());

        var tokens = tokenizer.Encode(["1", null, ""], FieldOrder.Of([1, 0, 2], 3));

        int[] expected =
        [
            Vocabulary.Begin,
            vocabulary.NameToken(1), Vocabulary.Null,
            vocabulary.NameToken(0), one,
            vocabulary.NameToken(2),
            Vocabulary.End,
        ];
        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void A_number_of_a_scaled_column_is_written_after_its_magnitude_level_and_decodes_to_its_text()
    {
        var vocabulary = Vocabulary.Build(Columns, ["148", "85", "yes"], [new MagnitudeScale([100, 120]), null, null]);
        var tokenizer = new RowTokenizer(vocabulary);

        var high = tokenizer.Encode(["148", "85", "yes"], FieldOrder.TableOrder(3));
        var nothing = tokenizer.Encode([null, "85", "yes"], FieldOrder.TableOrder(3));

        Assert.Equal([vocabulary.NameToken(0), Vocabulary.MagnitudeToken(2)], high[1..3]);
        Assert.Equal([vocabulary.NameToken(0), Vocabulary.Null, vocabulary.NameToken(1)], nothing[1..4]);
        Assert.Equal(new string?[] { "148", "85", "yes" }, tokenizer.DecodeToTableOrder(high));
        Assert.Equal(new string?[] { null, "85", "yes" }, tokenizer.DecodeToTableOrder(nothing));
        int[] withoutLevel = [.. high[..2], .. high[3..]];
        var error = Assert.Throws<MalformedRowException>(() => tokenizer.Decode(withoutLevel));
        Assert.Contains("magnitude level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_the_string_null_and_the_empty_string_stay_distinct()
    {
        var tokenizer = new RowTokenizer(Vocabulary.Build(Columns, []));

        var tokens = tokenizer.Encode([null, "null", ""], FieldOrder.TableOrder(3));

        Assert.Equal(new string?[] { null, "null", "" }, tokenizer.DecodeToTableOrder(tokens));
    }

    [Fact]
    public void Generated_rows_round_trip_in_any_order_and_with_padding()
    {
        var random = new Random(99);
        for (var table = 0; table < 30; table++)
        {
            var names = AwkwardStrings.DistinctNames(random, 1 + random.Next(6), allowUnpairedSurrogates: false);
            var rows = Enumerable.Range(0, 40).Select(_ => names.Select(_ => AwkwardStrings.NextValue(random, allowUnpairedSurrogates: false)).ToArray()).ToArray();
            var tokenizer = new RowTokenizer(Vocabulary.Build(names, rows.Take(20).SelectMany(row => row)));
            foreach (var row in rows)
            {
                var order = FieldOrder.FeaturesShuffledTargetLast(names.Length, names.Length - 1, random);
                var padded = tokenizer.Encode(row, order).Concat(Enumerable.Repeat(Vocabulary.Pad, random.Next(3))).ToArray();

                Assert.Equal(order.Select(names, row), tokenizer.Decode(padded));
                Assert.Equal(row, tokenizer.DecodeToTableOrder(padded));
            }
        }
    }

    [Fact]
    public void A_prefix_is_the_start_of_the_full_row_up_to_the_next_name()
    {
        var tokenizer = new RowTokenizer(Vocabulary.Build(Columns, ["7", "blue"]));
        string?[] values = ["blue", "7", "no"];

        var prefix = tokenizer.EncodePrefix([new("b", "7")]);
        var full = tokenizer.Encode(values, FieldOrder.Of([1, 0, 2], 3));

        Assert.Equal(full[..prefix.Length], prefix);
        Assert.Equal(tokenizer.Vocabulary.NameToken(0), full[prefix.Length]);
        Assert.Equal([Vocabulary.Begin], tokenizer.EncodePrefix([]));
    }

    [Fact]
    public void Fields_naming_unknown_or_repeated_columns_are_refused()
    {
        var tokenizer = new RowTokenizer(Vocabulary.Build(Columns, []));

        Assert.Throws<ArgumentException>(() => tokenizer.Encode([new RowField("zzz", "1")]));
        Assert.Throws<ArgumentException>(() => tokenizer.Encode([new RowField("a", "1"), new RowField("a", "2")]));
        Assert.Throws<ArgumentException>(() => tokenizer.Encode([]));
    }

    [Fact]
    public void Malformed_token_rows_give_the_position_of_the_problem()
    {
        var vocabulary = Vocabulary.Build(Columns, ["1", "\u8a9e"]);
        var tokenizer = new RowTokenizer(vocabulary);
        var one = vocabulary.EncodeValue("1")[0];
        var a = vocabulary.NameToken(0);
        var b = vocabulary.NameToken(1);
        var partial = vocabulary.EncodeValue("\u8a9e")[0];
        (int[] Tokens, int Position)[] cases =
        [
            ([a, one, Vocabulary.End], 0),
            ([Vocabulary.Begin, one, Vocabulary.End], 1),
            ([Vocabulary.Begin, a, one], 3),
            ([Vocabulary.Begin, a, one, a, one, Vocabulary.End], 3),
            ([Vocabulary.Begin, a, Vocabulary.Null, one, Vocabulary.End], 2),
            ([Vocabulary.Begin, a, Vocabulary.Pad, Vocabulary.End], 2),
            ([Vocabulary.Begin, a, one, Vocabulary.End, Vocabulary.Pad, b], 5),
            ([Vocabulary.Begin, a, partial, Vocabulary.End], 2),
        ];
        foreach (var (tokens, position) in cases)
        {
            var error = Assert.Throws<MalformedRowException>(() => tokenizer.Decode(tokens));
            Assert.Equal(position, error.Position);
        }
    }

    [Fact]
    public void Decoding_to_table_order_needs_every_column()
    {
        var tokenizer = new RowTokenizer(Vocabulary.Build(Columns, []));

        var tokens = tokenizer.Encode([new RowField("a", "x"), new RowField("y", "z")]);

        Assert.Equal(2, tokenizer.Decode(tokens).Count);
        Assert.Throws<MalformedRowException>(() => tokenizer.DecodeToTableOrder(tokens));
    }
}
