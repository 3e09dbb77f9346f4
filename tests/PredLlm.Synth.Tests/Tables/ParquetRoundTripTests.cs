using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class ParquetRoundTripTests
{
    private const int Rows = 150;
    private static readonly int[] RowGroups = [50, 70, 30];

    /// <summary>Every supported type, each as a required and as a nullable column (a third of its values null).</summary>
    private static List<SourceColumn> AllTypes(int seed)
    {
        var random = new Random(seed);
        var columns = new List<SourceColumn>();
        foreach (var nullable in new[] { false, true })
        {
            var suffix = nullable ? "_nullable" : "";
            T?[] Values<T>(Func<int, T> make)
                where T : struct =>
                Enumerable.Range(0, Rows).Select(row => nullable && random.Next(3) == 0 ? (T?)null : make(row)).ToArray();
            void Add<T>(DataField field, Func<int, T> make, Func<T, string> expected)
                where T : struct => columns.Add(new StructSourceColumn<T>(field, Values(make), expected));

            Add(new DataField<bool>("bool" + suffix, nullable), _ => random.Next(2) == 1, ValueText.FormatBoolean);
            Add(new DataField<sbyte>("int8" + suffix, nullable), _ => (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1), v => ValueText.FormatInteger(v));
            Add(new DataField<short>("int16" + suffix, nullable), _ => (short)random.Next(short.MinValue, short.MaxValue + 1), v => ValueText.FormatInteger(v));
            Add(new DataField<int>("int32" + suffix, nullable), row => row == 0 ? int.MinValue : random.Next(), v => ValueText.FormatInteger(v));
            Add(new DataField<long>("int64" + suffix, nullable), row => row == 0 ? long.MaxValue : random.NextInt64(long.MinValue, long.MaxValue), ValueText.FormatInteger);
            Add(new DataField<byte>("uint8" + suffix, nullable), _ => (byte)random.Next(256), v => ValueText.FormatInteger(v));
            Add(new DataField<uint>("uint32" + suffix, nullable), row => row == 0 ? uint.MaxValue : (uint)random.NextInt64(uint.MaxValue), v => ValueText.FormatInteger(v));
            Add(new DataField<ulong>("uint64" + suffix, nullable), row => row == 0 ? long.MaxValue : (ulong)random.NextInt64(long.MaxValue), v => ValueText.FormatInteger((long)v));
            float[] specialFloats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0.1f];
            Add(new DataField<float>("float" + suffix, nullable),
                row => row < specialFloats.Length ? specialFloats[row] : (float)(random.NextDouble() * 2000 - 1000), v => ValueText.FormatReal(v, singlePrecision: true));
            double[] specialDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue];
            Add(new DataField<double>("double" + suffix, nullable),
                row => row < specialDoubles.Length ? specialDoubles[row] : BitConverter.Int64BitsToDouble(random.NextInt64()), v => ValueText.FormatReal(v));
            Add(new DecimalDataField("decimal_9_2" + suffix, 9, 2, isNullable: nullable),
                _ => random.Next(-999_999_999, 1_000_000_000) / 100m, v => ValueText.FormatDecimal(v, 2));
            Add(new DecimalDataField("decimal_18_4" + suffix, 18, 4, isNullable: nullable),
                _ => random.NextInt64(-999_999_999_999_999_999, 1_000_000_000_000_000_000) / 10_000m, v => ValueText.FormatDecimal(v, 4));
            Add(new DecimalDataField("decimal_10_3_fixed" + suffix, 10, 3, forceByteArrayEncoding: true, isNullable: nullable),
                _ => random.NextInt64(-9_999_999_999, 10_000_000_000) / 1000m, v => ValueText.FormatDecimal(v, 3));
            Add(new DecimalDataField("decimal_28_6" + suffix, 28, 6, isNullable: nullable),
                _ => random.NextInt64() * 1_000_000m / 1_000_000m + random.Next(1_000_000) / 1_000_000m, v => ValueText.FormatDecimal(v, 6));
            Add(new DataField<DateOnly>("date" + suffix, nullable),
                _ => DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber)), ValueText.FormatDate);
            foreach (var (unit, ticks) in new[] { (DateTimeTimeUnit.Millis, TimeSpan.TicksPerMillisecond), (DateTimeTimeUnit.Micros, TimeSpan.TicksPerMicrosecond), (DateTimeTimeUnit.Nanos, 1L) })
            {
                foreach (var utc in new[] { true, false })
                {
                    Add(new DateTimeDataField($"timestamp_{unit}_{(utc ? "utc" : "local")}{suffix}", DateTimeFormat.Timestamp, utc, unit, isNullable: nullable),
                        _ => RandomTimestamp(random, ticks), ValueText.FormatTimestamp);
                }
            }

            Add(new DateTimeDataField("timestamp_int96" + suffix, DateTimeFormat.Impala, isNullable: nullable), _ => RandomTimestamp(random, 1), ValueText.FormatTimestamp);
            Add(new DateTimeDataField("timestamp_legacy_millis" + suffix, DateTimeFormat.DateAndTime, isNullable: nullable),
                _ => RandomTimestamp(random, TimeSpan.TicksPerMillisecond), ValueText.FormatTimestamp);
            Add(new DateTimeDataField("timestamp_legacy_micros" + suffix, DateTimeFormat.DateAndTimeMicros, isNullable: nullable),
                _ => RandomTimestamp(random, TimeSpan.TicksPerMicrosecond), ValueText.FormatTimestamp);
            string[] words = ["", "plain", "comma, inside", "quote \" inside", "line\nbreak", "non-ASCII: żółw 猫 🐢"];
            columns.Add(new StringSourceColumn(new DataField<string>("string" + suffix, nullable),
                Enumerable.Range(0, Rows).Select(_ => nullable && random.Next(3) == 0 ? null : words[random.Next(words.Length)] + random.Next(100)).ToArray()));
        }

        return columns;
    }

    // Between 1970 and 2200: inside the range every Parquet timestamp unit (nanoseconds included) can hold.
    private static DateTime RandomTimestamp(Random random, long ticksPerUnit)
    {
        var start = new DateTime(1970, 1, 1).Ticks / ticksPerUnit;
        var end = new DateTime(2200, 1, 1).Ticks / ticksPerUnit;
        return new DateTime(random.NextInt64(start, end) * ticksPerUnit);
    }

    [Fact]
    public async Task Every_type_with_and_without_nulls_over_several_row_groups_comes_back_with_identical_schema_and_values()
    {
        var columns = AllTypes(seed: 21);
        using var source = await ParquetTestFiles.WriteAsync(columns, RowGroups);

        var table = await ParquetTableReader.ReadAsync(source, TableLimits.Default);
        AssertValues(columns, table);

        using var written = new MemoryStream();
        await ParquetTableWriter.WriteAsync(table, written, rowsPerGroup: 64);
        written.Position = 0;
        source.Position = 0;
        await AssertSameSchemaAsync(source, written);

        written.Position = 0;
        var reread = await ParquetTableReader.ReadAsync(written, TableLimits.Default);
        AssertValues(columns, reread);
        Assert.Equal(table.Definitions, reread.Definitions);
    }

    [Fact]
    public async Task Nullability_is_written_as_declared_even_for_decimals_and_timestamps()
    {
        var columns = AllTypes(seed: 22);
        using var source = await ParquetTestFiles.WriteAsync(columns, Rows);
        var table = await ParquetTableReader.ReadAsync(source, TableLimits.Default);

        using var written = new MemoryStream();
        await ParquetTableWriter.WriteAsync(table, written);
        written.Position = 0;
        var schema = await ParquetReader.ReadSchemaAsync(written);

        foreach (var field in schema.DataFields)
        {
            Assert.Equal(field.Name.EndsWith("_nullable", StringComparison.Ordinal), field.IsNullable);
            var expected = field.IsNullable ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED;
            Assert.Equal(expected, field.SchemaElement!.RepetitionType);
        }
    }

    [Fact]
    public async Task A_table_built_in_memory_is_written_with_the_storage_its_columns_declare()
    {
        var timestamp = new ColumnDefinition("at", ColumnStorage.Timestamp(TimestampUnit.Millis, isAdjustedToUtc: true), isNullable: true);
        var price = new ColumnDefinition("price", ColumnStorage.Decimal(7, 2), isNullable: true);
        var at = new ColumnBuilder<DateTime>(timestamp);
        at.Append(new DateTime(2024, 5, 6, 7, 8, 9, 10, DateTimeKind.Local)); // a Local kind must not shift the value
        at.AppendNull();
        var prices = new ColumnBuilder<decimal>(price);
        prices.AppendNull();
        prices.Append(12.5m);
        var table = new Table([at.Build(), prices.Build()]);

        using var written = new MemoryStream();
        await ParquetTableWriter.WriteAsync(table, written);
        written.Position = 0;
        var reread = await ParquetTableReader.ReadAsync(written, TableLimits.Default);

        Assert.Equal(table.Definitions, reread.Definitions);
        Assert.Equal("2024-05-06T07:08:09.01", reread["at"].Format(0));
        Assert.Null(reread["at"].Format(1));
        Assert.Null(reread["price"].Format(0));
        Assert.Equal("12.50", reread["price"].Format(1));
    }

    private static void AssertValues(IReadOnlyList<SourceColumn> columns, Table table)
    {
        Assert.Equal(columns.Select(column => column.Field.Name), table.Columns.Select(column => column.Name));
        Assert.Equal(Rows, table.RowCount);
        foreach (var (source, column) in columns.Zip(table.Columns))
        {
            for (var row = 0; row < Rows; row++)
            {
                Assert.True(source.ExpectedText(row) == column.Format(row), $"{column.Name} row {row}: expected '{source.ExpectedText(row)}', read '{column.Format(row)}'");
            }
        }
    }

    /// <summary>The schema as Parquet.Net reads it: field classes, CLR types, nullability and the raw schema elements.</summary>
    private static async Task AssertSameSchemaAsync(Stream expected, Stream actual)
    {
        var expectedSchema = await ParquetReader.ReadSchemaAsync(expected);
        var actualSchema = await ParquetReader.ReadSchemaAsync(actual);
        Assert.Equal(expectedSchema.DataFields.Select(Describe), actualSchema.DataFields.Select(Describe));
        Assert.Equal(expectedSchema, actualSchema);
    }

    private static string Describe(DataField field)
    {
        var element = field.SchemaElement!;
        var logical = element.LogicalType;
        var extra = field switch
        {
            DecimalDataField d => $"decimal({d.Precision},{d.Scale})",
            DateTimeDataField t => $"datetime({t.DateTimeFormat},{t.Unit},{t.IsAdjustedToUTC})",
            _ => "",
        };
        var logicalText = logical is null ? "none" : string.Join(",",
            new object?[] { logical.STRING, logical.DATE, logical.DECIMAL is { } dec ? $"dec{dec.Precision}.{dec.Scale}" : null,
                logical.INTEGER is { } i ? $"int{i.BitWidth}{(i.IsSigned ? "s" : "u")}" : null,
                logical.TIMESTAMP is { } ts ? $"ts{ts.IsAdjustedToUTC}{(ts.Unit.MILLIS is not null ? "ms" : ts.Unit.MICROS is not null ? "us" : "ns")}" : null }
            .Where(part => part is not null).Select(part => part is string s ? s : part!.GetType().Name));
        return $"{field.Name}: {field.GetType().Name} {field.ClrType.Name} nullable={field.IsNullable} {element.Type} {element.RepetitionType} "
            + $"converted={element.ConvertedType} logical={logicalText} length={element.TypeLength} precision={element.Precision} scale={element.Scale} {extra}";
    }
}
