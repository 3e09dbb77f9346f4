using Parquet;
using Parquet.Schema;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class ParquetTableReaderTests
{
    // Planted in the files' values: no refusal message may ever show it.
    private const string Secret = "SECRET-VALUE-42";

    private static async Task<MemoryStream> ValidFileAsync(int rows = 40)
    {
        var ids = Enumerable.Range(0, rows).Select(i => (int?)i).ToArray();
        var names = Enumerable.Range(0, rows).Select(i => (string?)(Secret + i)).ToArray();
        return await ParquetTestFiles.WriteAsync(
            [new StructSourceColumn<int>(new DataField<int>("id", false), ids, v => v.ToString()), new StringSourceColumn(new DataField<string>("name", true), names)],
            rows / 2, rows - rows / 2);
    }

    private static async Task<string> RefusalAsync(Stream stream, TableLimits? limits = null)
    {
        var refusal = await Assert.ThrowsAsync<BadInputException>(() => ParquetTableReader.ReadAsync(stream, limits ?? TableLimits.Default));
        Assert.DoesNotContain(Secret, refusal.Message, StringComparison.Ordinal);
        return refusal.Message;
    }

    private static async Task<MemoryStream> WriteSchemaAsync(params Field[] fields)
    {
        var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
        }

        stream.Position = 0;
        return stream;
    }

    [Fact]
    public async Task Random_bytes_are_refused_as_not_parquet()
    {
        var bytes = new byte[4096];
        new Random(31).NextBytes(bytes);

        var message = await RefusalAsync(new MemoryStream(bytes));

        Assert.Contains("not a Parquet file", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused_as_not_parquet()
    {
        Assert.Contains("not a Parquet file", await RefusalAsync(new MemoryStream()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public async Task A_truncated_file_is_refused_as_truncated(double keptShare)
    {
        var whole = (await ValidFileAsync()).ToArray();
        var truncated = new MemoryStream(whole[..(int)(whole.Length * keptShare)]);

        Assert.Contains("truncated", await RefusalAsync(truncated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_footer_is_damaged_is_refused_as_damaged()
    {
        var bytes = (await ValidFileAsync()).ToArray();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var footerStart = bytes.Length - 8 - footerLength;
        bytes.AsSpan(footerStart, footerLength).Fill(0xFF);

        Assert.Contains("damaged", await RefusalAsync(new MemoryStream(bytes)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_column_data_is_damaged_is_refused_as_damaged()
    {
        var bytes = (await ValidFileAsync(rows: 400)).ToArray();
        bytes.AsSpan(4, 200).Fill(0xFF); // the first column chunk's page header and data

        Assert.Contains("damaged", await RefusalAsync(new MemoryStream(bytes)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_rows_is_refused()
    {
        using var stream = await WriteSchemaAsync(new DataField<int>("id"), new DataField<string>("name"));

        Assert.Equal("The table has no rows.", await RefusalAsync(stream));
    }

    [Fact]
    public async Task A_table_without_columns_is_refused()
    {
        Assert.Equal("The table has no columns.", await RefusalAsync(ParquetTestFiles.WithoutColumns()));
    }

    [Fact]
    public async Task Nested_columns_are_refused_naming_the_column_and_its_nesting()
    {
        using var list = await WriteSchemaAsync(new DataField<int>("id"), new ListField("tags", new DataField<string>("element")));
        using var structure = await WriteSchemaAsync(new DataField<int>("id"), new StructField("address", new DataField<string>("city")));
        using var map = await WriteSchemaAsync(new MapField("attributes", new DataField<string>("key", false), new DataField<int>("value")));
        using var repeated = await WriteSchemaAsync(new DataField<int[]>("scores"));

        Assert.Equal("Column 'tags' is a list; only flat columns are supported.", await RefusalAsync(list));
        Assert.Equal("Column 'address' is a struct (nested group); only flat columns are supported.", await RefusalAsync(structure));
        Assert.Equal("Column 'attributes' is a map; only flat columns are supported.", await RefusalAsync(map));
        Assert.Contains("'scores' is", await RefusalAsync(repeated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_column_names_are_refused()
    {
        var values = new int?[] { 1, 2 };
        using var stream = await ParquetTestFiles.WriteAsync(
            [new StructSourceColumn<int>(new DataField<int>("amount"), values, v => ""), new StructSourceColumn<int>(new DataField<int>("amount"), values, v => "")], 2);

        Assert.Equal("Column name 'amount' appears more than once.", await RefusalAsync(stream));
    }

    [Fact]
    public async Task Tables_over_the_row_column_byte_or_value_limit_are_refused_before_their_values_are_read()
    {
        using var stream = await ValidFileAsync(rows: 40);

        Assert.Equal("The table has 40 rows; the limit is 39 rows.", await RefusalAsync(stream, new TableLimits { MaxRows = 39 }));
        stream.Position = 0;
        Assert.Equal("The table has 2 columns; the limit is 1 columns.", await RefusalAsync(stream, new TableLimits { MaxColumns = 1 }));
        stream.Position = 0;
        Assert.Contains("the limit is 100 bytes", await RefusalAsync(stream, new TableLimits { MaxBytes = 100 }), StringComparison.Ordinal);
        stream.Position = 0;
        Assert.Equal("The table has 80 values (40 rows x 2 columns); the limit is 79 values.", await RefusalAsync(stream, new TableLimits { MaxCells = 79 }));
        stream.Position = 0;
        Assert.Equal(40, (await ParquetTableReader.ReadAsync(stream, new TableLimits { MaxRows = 40, MaxColumns = 2, MaxBytes = stream.Length, MaxCells = 80 })).RowCount);
    }

    [Fact]
    public async Task Unsupported_column_types_are_refused_naming_the_column_and_the_type()
    {
        using var bytes = await ParquetTestFiles.WriteAsync([new ByteArraySourceColumn(new DataField<byte[]>("blob"), [[1, 2], [3]])], 2);
        using var hugeUnsigned = await ParquetTestFiles.WriteAsync("counter", 1UL, ulong.MaxValue);

        Assert.StartsWith("Column 'blob' holds raw bytes", await RefusalAsync(bytes), StringComparison.Ordinal);
        Assert.StartsWith("Column 'counter' holds unsigned 64-bit values above", await RefusalAsync(hugeUnsigned), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odd_but_valid_tables_are_read_faithfully()
    {
        double?[] reals = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0];
        int?[] allNull = [null, null, null, null];
        string?[] constant = ["same", "same", "same", "same"];
        using var stream = await ParquetTestFiles.WriteAsync(
            [
                new StructSourceColumn<double>(new DataField<double>("reals", true), reals, v => ""),
                new StructSourceColumn<int>(new DataField<int>("nothing", true), allNull, v => ""),
                new StringSourceColumn(new DataField<string>("constant", false), constant),
            ],
            4);

        var table = await ParquetTableReader.ReadAsync(stream, TableLimits.Default);

        Assert.Equal(["NaN", "Infinity", "-Infinity", "-0"], Enumerable.Range(0, 4).Select(table["reals"].Format));
        Assert.Equal(4, table["nothing"].NullCount);
        Assert.True(table["nothing"].Definition.IsNullable);
        Assert.All(Enumerable.Range(0, 4), row => Assert.Equal("same", table["constant"].Format(row)));
    }

    [Fact]
    public async Task A_one_row_table_is_read()
    {
        using var stream = await ParquetTestFiles.WriteAsync("only", 7L);

        var table = await ParquetTableReader.ReadAsync(stream, TableLimits.Default);

        Assert.Equal(1, table.RowCount);
        Assert.Equal("7", table["only"].Format(0));
        Assert.Equal(ColumnStorage.Int64, table["only"].Definition.Storage);
    }
}

/// <summary>A BYTE_ARRAY column without a string annotation.</summary>
internal sealed class ByteArraySourceColumn(DataField field, byte[][] values) : SourceColumn(field)
{
    public override int Count => values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int start, int count) =>
        rowGroup.WriteAsync(Field, values.Skip(start).Take(count).ToArray());

    public override string? ExpectedText(int row) => Convert.ToHexString(values[row]);
}
