using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class ValueTextTests
{
    private const int Samples = 20_000;

    /// <summary>Formats a value with the column's codec, parses it back with the same codec.</summary>
    private static T RoundTrip<T>(ColumnStorage storage, T value, out string text)
    {
        var builder = new ColumnBuilder<T>(new ColumnDefinition("c", storage, isNullable: false));
        builder.Append(value);
        text = builder.Build().Format(0)!;
        var reparsed = new ColumnBuilder<T>(new ColumnDefinition("c", storage, isNullable: false));
        Assert.True(reparsed.TryAppendText(text), $"'{text}' did not parse back");
        return reparsed.Build()[0];
    }

    [Fact]
    public void Doubles_of_every_bit_pattern_round_trip_exactly()
    {
        var random = new Random(11);
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, double.MaxValue, double.MinValue, 0.1, 1e-300, 123456789012345678.0];
        var values = specials.Concat(Enumerable.Range(0, Samples).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())));
        foreach (var value in values)
        {
            var back = RoundTrip(ColumnStorage.Double, value, out var text);
            if (double.IsNaN(value))
            {
                Assert.True(double.IsNaN(back));
                Assert.Equal("NaN", text);
            }
            else
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
            }
        }
    }

    [Fact]
    public void Special_doubles_have_readable_invariant_text()
    {
        Assert.Equal("Infinity", ValueText.FormatReal(double.PositiveInfinity));
        Assert.Equal("-Infinity", ValueText.FormatReal(double.NegativeInfinity));
        Assert.Equal("-0", ValueText.FormatReal(-0.0));
        Assert.Equal("0.1", ValueText.FormatReal(0.1));
        Assert.Equal("1E-07", ValueText.FormatReal(1e-7));
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("1e3", 1000.0)]
    [InlineData(" 2.5 ", 2.5)]
    public void Reals_are_read_as_other_tools_write_them(string text, double expected)
    {
        Assert.True(ValueText.TryParseReal(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("")]
    [InlineData("abc")]
    public void Text_that_is_not_a_number_is_not_a_real(string text) => Assert.False(ValueText.TryParseReal(text, out _));

    [Fact]
    public void Floats_round_trip_as_floats_in_their_own_shortest_form()
    {
        var random = new Random(12);
        for (var i = 0; i < Samples; i++)
        {
            var value = (double)BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            var back = RoundTrip(ColumnStorage.Float, value, out _);
            if (double.IsNaN(value))
            {
                Assert.True(double.IsNaN(back)); // NaN payloads are not data
                continue;
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        }

        RoundTrip(ColumnStorage.Float, (double)0.1f, out var text);
        Assert.Equal("0.1", text); // as a double this value would print 0.10000000149011612
    }

    [Fact]
    public void Decimals_keep_their_column_scale()
    {
        var storage = ColumnStorage.Decimal(10, 2);
        var back = RoundTrip(storage, 1.2m, out var text);
        Assert.Equal("1.20", text);
        Assert.Equal(1.2m, back);

        var random = new Random(13);
        for (var i = 0; i < Samples; i++)
        {
            var scale = random.Next(0, 10);
            var precision = random.Next(Math.Max(scale, 1), 29);
            var unscaled = random.NextInt64(-(long)Math.Min(Math.Pow(10, Math.Min(precision, 18)) - 1, long.MaxValue), (long)Math.Min(Math.Pow(10, Math.Min(precision, 18)), long.MaxValue));
            var value = unscaled / (decimal)Math.Pow(10, scale);
            Assert.Equal(value, RoundTrip(ColumnStorage.Decimal(precision, scale), value, out var decimalText));
            Assert.Equal(scale, ValueText.DigitsAfterPoint(decimalText));
        }
    }

    [Theory]
    [InlineData("1.234")]   // more digits after the point than the scale
    [InlineData("1234.5")]  // more digits before the point than precision - scale
    [InlineData("1e2")]     // decimals are written in plain notation
    public void A_decimal_column_refuses_values_it_cannot_hold(string text)
    {
        var builder = ColumnBuilder.Create(new ColumnDefinition("price", ColumnStorage.Decimal(5, 2), isNullable: false));
        Assert.False(builder.TryAppendText(text));
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void Integers_round_trip_at_the_extremes_and_narrow_columns_refuse_what_does_not_fit()
    {
        foreach (var value in new[] { long.MinValue, long.MaxValue, 0L, -1L })
        {
            Assert.Equal(value, RoundTrip(ColumnStorage.Int64, value, out _));
        }

        var int8 = ColumnBuilder.Create(new ColumnDefinition("small", ColumnStorage.Int8, isNullable: false));
        Assert.True(int8.TryAppendText("-128"));
        Assert.False(int8.TryAppendText("128"));
        var uint32 = ColumnBuilder.Create(new ColumnDefinition("count", ColumnStorage.UInt32, isNullable: false));
        Assert.True(uint32.TryAppendText("4294967295"));
        Assert.False(uint32.TryAppendText("-1"));
        Assert.False(uint32.TryAppendText("1.5"));
    }

    [Fact]
    public void Dates_and_timestamps_round_trip_in_iso_8601()
    {
        var random = new Random(14);
        var nanos = ColumnStorage.Timestamp(TimestampUnit.Nanos, isAdjustedToUtc: true);
        for (var i = 0; i < Samples; i++)
        {
            var date = DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1));
            Assert.Equal(date, RoundTrip(ColumnStorage.Date, date, out _));
            var timestamp = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks + 1));
            Assert.Equal(timestamp.Ticks, RoundTrip(nanos, timestamp, out _).Ticks);
        }

        Assert.Equal("2024-02-29", ValueText.FormatDate(new DateOnly(2024, 2, 29)));
        Assert.Equal("2024-02-29T13:45:00", ValueText.FormatTimestamp(new DateTime(2024, 2, 29, 13, 45, 0)));
        Assert.Equal("2024-02-29T13:45:00.25", ValueText.FormatTimestamp(new DateTime(2024, 2, 29, 13, 45, 0, 250)));
    }

    [Fact]
    public void Timestamps_written_with_a_space_or_a_zone_are_read_as_utc()
    {
        Assert.True(ValueText.TryParseTimestamp("2024-02-29 13:45:00", out var spaced));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 45, 0), spaced);
        Assert.True(ValueText.TryParseTimestamp("2024-02-29T13:45:00+02:00", out var zoned));
        Assert.Equal(new DateTime(2024, 2, 29, 11, 45, 0), zoned);
        Assert.False(ValueText.TryParseTimestamp("29/02/2024 13:45", out _));
    }

    [Fact]
    public void A_millisecond_timestamp_column_refuses_finer_values()
    {
        var builder = ColumnBuilder.Create(new ColumnDefinition("at", ColumnStorage.Timestamp(TimestampUnit.Millis, isAdjustedToUtc: false), isNullable: false));
        Assert.True(builder.TryAppendText("2024-01-01T00:00:00.123"));
        Assert.False(builder.TryAppendText("2024-01-01T00:00:00.1234"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("TRUE", true)]
    public void Booleans_are_read_in_any_letter_case_and_written_in_lower_case(string text, bool expected)
    {
        Assert.True(ValueText.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(text.ToLowerInvariant(), ValueText.FormatBoolean(value));
    }
}
