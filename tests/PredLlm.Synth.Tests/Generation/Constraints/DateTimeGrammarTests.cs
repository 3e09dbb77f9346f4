using System.Globalization;
using PredLlm.Synth.Generation.Constraints;

namespace PredLlm.Synth.Tests.Generation.Constraints;

public class DateTimeGrammarTests
{
    [Theory]
    [InlineData("2024", 366)]
    [InlineData("2023", 365)]
    [InlineData("1900", 365)]
    [InlineData("2000", 366)]
    [InlineData("1600", 366)]
    [InlineData("2100", 365)]
    [InlineData("0004", 366)]
    public void A_year_is_followed_by_exactly_its_calendar_days(string year, int days)
    {
        var grammar = new DateTimeGrammar("yyyy-MM-dd");
        var afterYear = grammar.Step(grammar.Start, year + "-");

        var language = GrammarLanguage.Enumerate(grammar, "-0123456789", afterYear, year + "-");

        var first = new DateTime(int.Parse(year, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var expected = Enumerable.Range(0, days).Select(d => first.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(StringComparer.Ordinal), language.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0000-01-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-02-30")]
    [InlineData("2023-04-31")]
    [InlineData("2023-13-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-01-00")]
    [InlineData("2023-1-01")]
    public void Dates_that_do_not_exist_are_refused(string text)
    {
        Assert.False(GrammarLanguage.Accepts(new DateTimeGrammar("yyyy-MM-dd"), text));
    }

    [Theory]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffffffZ")]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    [InlineData("HH:mm")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.FFFFFFF")]
    [InlineData("HH:mm:ss.FFFZ")]
    public void Random_texts_parse_with_the_same_dotnet_format(string pattern)
    {
        var grammar = new DateTimeGrammar(pattern);
        var random = new Random(17);
        for (var i = 0; i < 1000; i++)
        {
            var text = CharWalk.Random(grammar, "0123456789-:. TZ", random);

            Assert.True(DateTime.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), text);
        }
    }

    [Fact]
    public void Times_stay_within_the_clock()
    {
        var grammar = new DateTimeGrammar("HH:mm:ss");

        Assert.True(GrammarLanguage.Accepts(grammar, "23:59:59"));
        Assert.True(GrammarLanguage.Accepts(grammar, "00:00:00"));
        Assert.False(GrammarLanguage.Accepts(grammar, "24:00:00"));
        Assert.False(GrammarLanguage.Accepts(grammar, "12:60:00"));
        Assert.False(GrammarLanguage.Accepts(grammar, "12:00:60"));
    }

    [Fact]
    public void An_optional_fraction_is_left_out_or_has_one_to_its_width_of_digits()
    {
        var grammar = new DateTimeGrammar("ss.FF");

        var language = GrammarLanguage.Enumerate(grammar, ".0123456789", grammar.Start);

        var seconds = Enumerable.Range(0, 60).Select(s => s.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        var expected = seconds
            .Concat(from s in seconds from d in Enumerable.Range(0, 10) select $"{s}.{d}")
            .Concat(from s in seconds from d in Enumerable.Range(0, 100) select $"{s}.{d:00}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), language.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Timestamps_as_the_table_formats_them_are_accepted()
    {
        var grammar = new DateTimeGrammar("yyyy-MM-ddTHH:mm:ss.FFFFFFF");
        var random = new Random(23);
        for (var i = 0; i < 2000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            var value = new DateTime(random.Next(3) == 0 ? ticks - (ticks % TimeSpan.TicksPerSecond) : ticks, DateTimeKind.Unspecified);
            var text = value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

            Assert.True(GrammarLanguage.Accepts(grammar, text), text);
        }
        Assert.False(GrammarLanguage.Accepts(grammar, "2023-01-05T10:11:12."));
        Assert.False(GrammarLanguage.Accepts(grammar, "2023-01-05T10:11:12.12345678"));
    }

    [Theory]
    [InlineData("dd-MM-yyyy")]
    [InlineData("HH:mm:ss FFF")]
    [InlineData("HH:mm:ss.FFF.")]
    [InlineData("HH:mm:ss.FFF5")]
    [InlineData("yy-MM-dd")]
    [InlineData("yyyy-MM-dd hh")]
    [InlineData("MM-dd")]
    [InlineData("yyyy-MM-dd 'at' HH")]
    [InlineData("")]
    public void Unsupported_patterns_are_refused(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new DateTimeGrammar(pattern));
    }
}
