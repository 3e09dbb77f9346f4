using System.Globalization;
using PredLlm.Synth.Generation.Constraints;

namespace PredLlm.Synth.Tests.Generation.Constraints;

public class NumberGrammarTests
{
    private static readonly string[] Signs = ["", "-"];
    private static readonly string[] ExponentSigns = ["", "+", "-"];
    private static readonly string[] OptionalDecimal = ["", .. Enumerable.Range(0, 10).Select(d => "." + d)];

    [Fact]
    public void The_language_is_sign_integer_part_and_bounded_decimals()
    {
        var grammar = new NumberGrammar(maxIntegerDigits: 2, maxDecimals: 1, allowNegative: true, exponentDigits: 0);

        var language = GrammarLanguage.Enumerate(grammar, "-+.E0123456789", grammar.Start);

        var expected =
            from sign in Signs
            from integer in Enumerable.Range(0, 100)
            from fraction in OptionalDecimal
            select sign + integer.ToString(CultureInfo.InvariantCulture) + fraction;
        Assert.Equal(expected.Order(StringComparer.Ordinal), language.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_exponent_is_optional_with_a_sign_and_bounded_digits()
    {
        var grammar = new NumberGrammar(maxIntegerDigits: 1, maxDecimals: 1, allowNegative: false, exponentDigits: 1);

        var language = GrammarLanguage.Enumerate(grammar, "-+.E0123456789", grammar.Start);

        var expected =
            from integer in Enumerable.Range(0, 10)
            from fraction in OptionalDecimal
            from exponent in Enumerable.Repeat("", 1).Concat(from sign in ExponentSigns from d in Enumerable.Range(0, 10) select "E" + sign + d)
            select integer.ToString(CultureInfo.InvariantCulture) + fraction + exponent;
        Assert.Equal(expected.Order(StringComparer.Ordinal), language.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Double_round_trip_texts_are_accepted_and_random_texts_parse_as_doubles()
    {
        var grammar = new NumberGrammar(maxIntegerDigits: 17, maxDecimals: 17, allowNegative: true, exponentDigits: 3);
        foreach (var value in new[] { 0.1, -2.5, 1e-7, 1.7976931348623157e308, -4.9e-324, 123456.789 })
        {
            Assert.True(GrammarLanguage.Accepts(grammar, value.ToString("R", CultureInfo.InvariantCulture)));
        }
        var random = new Random(8);
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(double.TryParse(CharWalk.Random(grammar, "-+.E0123456789", random), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData("1.234")]
    [InlineData("12345")]
    [InlineData(".5")]
    [InlineData("1E5")]
    public void Texts_outside_the_spec_are_refused(string text)
    {
        var grammar = new NumberGrammar(maxIntegerDigits: 4, maxDecimals: 2, allowNegative: false, exponentDigits: 0);

        Assert.False(GrammarLanguage.Accepts(grammar, text));
    }
}
