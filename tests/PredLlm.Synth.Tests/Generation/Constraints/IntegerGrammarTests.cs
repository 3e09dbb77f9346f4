using System.Globalization;
using PredLlm.Synth.Generation.Constraints;

namespace PredLlm.Synth.Tests.Generation.Constraints;

public class IntegerGrammarTests
{
    [Theory]
    [InlineData(-15, 123)]
    [InlineData(100, 150)]
    [InlineData(-5, -3)]
    [InlineData(0, 0)]
    [InlineData(7, 7)]
    [InlineData(-1000, -998)]
    [InlineData(-9, 9)]
    [InlineData(95, 1012)]
    [InlineData(-1012, -95)]
    public void The_language_is_exactly_the_canonical_integers_of_the_range(long min, long max)
    {
        var grammar = new IntegerGrammar(min, max);

        var language = GrammarLanguage.Enumerate(grammar, "-0123456789", grammar.Start);

        var expected = Enumerable.Range(0, (int)(max - min + 1)).Select(i => (min + i).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(StringComparer.Ordinal), language.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_full_long_range_stops_exactly_at_its_bounds()
    {
        var grammar = new IntegerGrammar(long.MinValue, long.MaxValue);

        Assert.True(GrammarLanguage.Accepts(grammar, "9223372036854775807"));
        Assert.True(GrammarLanguage.Accepts(grammar, "-9223372036854775808"));
        Assert.True(GrammarLanguage.Accepts(grammar, "0"));
        Assert.False(GrammarLanguage.Accepts(grammar, "9223372036854775808"));
        Assert.False(GrammarLanguage.Accepts(grammar, "-9223372036854775809"));
        Assert.False(GrammarLanguage.Accepts(grammar, "10000000000000000000"));
        Assert.False(GrammarLanguage.Accepts(grammar, "-0"));
        Assert.False(GrammarLanguage.Accepts(grammar, "007"));
        Assert.Equal(20, grammar.MaxLength);
    }

    [Fact]
    public void Random_texts_of_an_int32_range_always_parse_as_int32()
    {
        var grammar = new IntegerGrammar(int.MinValue, int.MaxValue);
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var text = CharWalk.Random(grammar, "-0123456789", random);

            Assert.True(int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value));
            Assert.Equal(text, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void An_empty_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new IntegerGrammar(2, 1));
    }
}
