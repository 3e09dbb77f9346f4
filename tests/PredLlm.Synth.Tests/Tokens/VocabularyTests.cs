using System.Text;
using PredLlm.Synth.Tests.Text;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Tests.Tokens;

public class VocabularyTests
{
    private static readonly string[] Columns = ["age", "workclass", "income"];

    [Fact]
    public void Specials_come_first_then_one_token_per_column_name_then_value_tokens()
    {
        var vocabulary = Vocabulary.Build(Columns, ["39", "State-gov", "<=50K"]);

        Assert.Equal([0, 1, 2, 3], new[] { Vocabulary.Pad, Vocabulary.Begin, Vocabulary.End, Vocabulary.Null });
        Assert.Equal([4, 19], new[] { Vocabulary.MagnitudeToken(0), Vocabulary.MagnitudeToken(MagnitudeScale.Levels - 1) });
        Assert.Equal([20, 21, 22], Enumerable.Range(0, 3).Select(vocabulary.NameToken));
        Assert.Equal(23, vocabulary.FirstValueToken);
        Assert.Equal(1, vocabulary.ColumnOfToken(21));
        Assert.Equal(-1, vocabulary.ColumnOfToken(19));
        Assert.True(Vocabulary.IsMagnitudeToken(19) && !Vocabulary.IsMagnitudeToken(20) && !Vocabulary.IsMagnitudeToken(Vocabulary.Null));
        Assert.Equal(-1, vocabulary.ColumnOfToken(vocabulary.FirstValueToken));
        Assert.True(vocabulary.TryGetColumn("income", out var income) && income == 2);
    }

    [Fact]
    public void The_vocabulary_holds_the_training_tokens_and_the_byte_tokens_only()
    {
        var bytesOnly = Vocabulary.Build(Columns, []);
        var vocabulary = Vocabulary.Build(Columns, ["Self-emp-not-inc", "Self-emp-not-inc", null, "Never-married"]);

        Assert.Equal(4 + MagnitudeScale.Levels + 3 + 256, bytesOnly.Count);
        Assert.InRange(vocabulary.Count - bytesOnly.Count, 3, 12);
    }

    [Fact]
    public void Seen_values_use_their_tiktoken_tokens_and_unseen_values_fall_back_to_bytes()
    {
        var vocabulary = Vocabulary.Build(Columns, ["Married-civ-spouse"]);

        var seen = vocabulary.EncodeValue("Married-civ-spouse").ToArray();
        var unseen = vocabulary.EncodeValue("Husband").ToArray();

        Assert.InRange(seen.Length, 2, 8);
        Assert.Equal(7, unseen.Length);
        Assert.Equal("Married-civ-spouse", vocabulary.DecodeValue(seen));
        Assert.Equal("Husband", vocabulary.DecodeValue(unseen));
        Assert.Empty(vocabulary.EncodeValue("").ToArray());
        Assert.Equal("", vocabulary.DecodeValue([]));
    }

    [Fact]
    public void Generated_values_round_trip_whether_seen_in_training_or_not()
    {
        var random = new Random(42);
        var seen = Enumerable.Range(0, 300).Select(_ => AwkwardStrings.Next(random, allowUnpairedSurrogates: false)).ToArray();
        var unseen = Enumerable.Range(0, 300).Select(_ => AwkwardStrings.Next(random, allowUnpairedSurrogates: false) + "\u00fe\u4e2d").ToArray();
        var vocabulary = Vocabulary.Build(Columns, seen);

        foreach (var value in seen.Concat(unseen))
        {
            Assert.Equal(value, vocabulary.DecodeValue(vocabulary.EncodeValue(value)));
        }
    }

    [Fact]
    public void A_character_split_over_tokens_decodes_only_as_a_group()
    {
        var vocabulary = Vocabulary.Build(Columns, ["\u8a9e", "\U0001F642"]);

        var tokens = vocabulary.EncodeValue("\u8a9e\U0001F642").ToArray();

        Assert.True(tokens.Length >= 3, "these characters take more than one cl100k token each");
        Assert.Equal("\u8a9e\U0001F642", vocabulary.DecodeValue(tokens));
        Assert.Throws<FormatException>(() => vocabulary.DecodeValue(tokens.AsSpan(0, 1)));
        Assert.Null(vocabulary.AsciiText(tokens[0]));
    }

    [Fact]
    public void Byte_tokens_spell_every_utf8_byte()
    {
        // Every 2-byte character covers every continuation byte and the lead bytes C2..DF; a few longer ones the rest.
        var characters = Enumerable.Range(0x80, 0x800 - 0x80).Select(code => ((char)code).ToString())
            .Concat(["\u0800", "\u4e2d", "\uffee", "\U00010000", "\U0001F642", "\U0010FFFD"]);
        foreach (var character in characters)
        {
            var ids = Encoding.UTF8.GetBytes(character).Select(Cl100kBase.ByteToken).ToArray();

            Assert.True(Cl100kBase.TryDecode(ids, out var text));
            Assert.Equal(character, text);
        }
    }

    [Fact]
    public void Ascii_text_is_known_for_ascii_value_tokens_only()
    {
        var vocabulary = Vocabulary.Build(Columns, ["123", " Private"]);

        Assert.Equal("123", vocabulary.AsciiText(Assert.Single(vocabulary.EncodeValue("123").ToArray())));
        Assert.Equal(" Private", vocabulary.AsciiText(Assert.Single(vocabulary.EncodeValue(" Private").ToArray())));
        Assert.Null(vocabulary.AsciiText(Vocabulary.End));
        Assert.Null(vocabulary.AsciiText(vocabulary.NameToken(0)));
        Assert.Null(vocabulary.AsciiText(vocabulary.Count));
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_is_refused_with_a_clear_error()
    {
        var vocabulary = Vocabulary.Build(Columns, []);

        var error = Assert.Throws<ArgumentException>(() => vocabulary.EncodeValue("a\ud800"));
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Vocabulary.Build(Columns, ["\udc00"]));
    }

    [Fact]
    public void A_saved_and_loaded_vocabulary_encodes_identically()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 200).Select(_ => AwkwardStrings.Next(random, allowUnpairedSurrogates: false)).ToArray();
        var original = Vocabulary.Build(["a,b", "\u540d\u524d", "y"], values, [null, new MagnitudeScale([-1.5, 2, 1e300]), null]);

        var loaded = Vocabulary.FromJson(original.ToJson());

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.ColumnNames, loaded.ColumnNames);
        Assert.Null(loaded.Scale(0));
        Assert.Equal([-1.5, 2, 1e300], loaded.Scale(1)!.Edges);
        foreach (var value in values.Append("never seen \u00e9"))
        {
            Assert.Equal(original.EncodeValue(value).ToArray(), loaded.EncodeValue(value).ToArray());
        }
        Assert.All(Enumerable.Range(0, original.Count), token => Assert.Equal(original.AsciiText(token), loaded.AsciiText(token)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":1,\"encoding\":\"cl100k_base\",\"columns\":[\"a\"],\"valueTokens\":[]}")]
    [InlineData("{\"format\":2,\"encoding\":\"gpt2\",\"columns\":[\"a\"],\"scales\":[null],\"valueTokens\":[]}")]
    [InlineData("{\"format\":2,\"encoding\":\"cl100k_base\",\"columns\":[\"a\",\"a\"],\"scales\":[null,null],\"valueTokens\":[]}")]
    [InlineData("{\"format\":2,\"encoding\":\"cl100k_base\",\"columns\":[\"a\"],\"scales\":[null],\"valueTokens\":[5,3]}")]
    [InlineData("{\"format\":2,\"encoding\":\"cl100k_base\",\"columns\":[\"a\"],\"scales\":[null],\"valueTokens\":[0,1,2]}")]
    [InlineData("{\"format\":2,\"encoding\":\"cl100k_base\",\"columns\":[\"a\"],\"valueTokens\":[]}")]
    [InlineData("{\"format\":2,\"encoding\":\"cl100k_base\",\"columns\":[\"a\"],\"scales\":[[3,1]],\"valueTokens\":[]}")]
    public void A_damaged_vocabulary_file_is_refused(string json)
    {
        Assert.Throws<InvalidDataException>(() => Vocabulary.FromJson(json));
    }
}
