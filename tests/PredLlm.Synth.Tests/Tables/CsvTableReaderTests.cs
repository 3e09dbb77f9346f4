using System.Text;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class CsvTableReaderTests
{
    private static Table Read(string text, TableLimits? limits = null, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var stream = new MemoryStream(byteOrderMark ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        return CsvTableReader.Read(stream, limits ?? TableLimits.Default);
    }

    private static string Refusal(string text, TableLimits? limits = null) =>
        Assert.Throws<BadInputException>(() => Read(text, limits)).Message;

    private static IEnumerable<string?> Texts(Column column) => Enumerable.Range(0, column.Count).Select(column.Format);

    [Fact]
    public void Column_families_are_inferred_from_the_text()
    {
        var table = Read(
            "count,ratio,flag,day,at,label,mixed\n" +
            "1,0.5,true,2024-01-31,2024-01-31T10:00:00,a,1\n" +
            "-20,1e3,FALSE,2023-12-01,2024-01-31 10:00:00.5,b,2.5\n" +
            "300,NaN,True,2000-02-29,2024-02-01T00:00:00Z,c,3\n");

        Assert.Equal(
            [ColumnStorage.Int64, ColumnStorage.Double, ColumnStorage.Boolean, ColumnStorage.Date,
                ColumnStorage.Timestamp(TimestampUnit.Micros, isAdjustedToUtc: false), ColumnStorage.String, ColumnStorage.Double],
            table.Columns.Select(column => column.Definition.Storage));
        Assert.Equal(["1", "-20", "300"], Texts(table["count"]));
        Assert.Equal(["0.5", "1000", "NaN"], Texts(table["ratio"]));
        Assert.Equal(["true", "false", "true"], Texts(table["flag"]));
        Assert.Equal(["2024-01-31T10:00:00", "2024-01-31T10:00:00.5", "2024-02-01T00:00:00"], Texts(table["at"]));
        Assert.All(table.Columns, column => Assert.False(column.Definition.IsNullable));
    }

    [Fact]
    public void Numbers_with_padding_zeros_stay_text_so_the_zeros_survive()
    {
        var table = Read("zip,code\n01234,1.5\n98765,007.5\n");

        Assert.Equal(ColumnStorage.String, table["zip"].Definition.Storage);
        Assert.Equal(["01234", "98765"], Texts(table["zip"]));
        Assert.Equal(ColumnStorage.String, table["code"].Definition.Storage);
    }

    [Fact]
    public void An_empty_cell_is_null_and_a_quoted_empty_cell_is_an_empty_string()
    {
        var table = Read("id,name,score\n1,,2.5\n2,\"\",\n,x,1\n");

        Assert.Equal(["1", "2", null], Texts(table["id"]));
        Assert.True(table["id"].Definition.IsNullable);
        Assert.Equal(ColumnStorage.Int64, table["id"].Definition.Storage);
        Assert.Equal([null, "", "x"], Texts(table["name"]));
        Assert.Equal(["2.5", null, "1"], Texts(table["score"]));
    }

    [Fact]
    public void A_column_without_any_value_is_a_nullable_text_column()
    {
        var table = Read("id,nothing\n1,\n2,\n");

        Assert.Equal(ColumnStorage.String, table["nothing"].Definition.Storage);
        Assert.Equal(2, table["nothing"].NullCount);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_crlf_ends_lines()
    {
        var table = Read("name,note\r\n\"Smith, J.\",\"said \"\"hi\"\"\"\r\n\"multi\r\nline\",plain\r\n");

        Assert.Equal(["Smith, J.", "multi\r\nline"], Texts(table["name"]));
        Assert.Equal(["said \"hi\"", "plain"], Texts(table["note"]));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var table = Read("id,name\n1,ż\n", byteOrderMark: true);

        Assert.Equal(["id", "name"], table.Columns.Select(column => column.Name));
        Assert.Equal("ż", table["name"].Format(0));
    }

    [Fact]
    public void Blank_lines_and_a_missing_final_line_end_are_accepted()
    {
        var table = Read("a,b\n\n1,2\n\n3,4");

        Assert.Equal(2, table.RowCount);
        Assert.Equal(["2", "4"], Texts(table["b"]));
    }

    [Theory]
    [InlineData("", "The table has no columns: the CSV file is empty.")]
    [InlineData("a,b\n", "The table has no rows.")]
    [InlineData("a,b\n1,2\n3\n", "CSV line 3 has 1 fields; the header has 2.")]
    [InlineData("a,b\n1,\"open\n", "CSV line 2: a quoted field is never closed.")]
    [InlineData("a,b\n1,\"x\"y\n", "CSV line 2: text after a closing quote; a quoted field must end at a comma or a line end.")]
    [InlineData("a,b\n1,x\"y\n", "CSV line 2: a quote inside an unquoted field; quote the whole field and double the quote.")]
    [InlineData("a,,c\n1,2,3\n", "Column 2 of the CSV header has no name.")]
    [InlineData("a,b,a\n1,2,3\n", "Column name 'a' appears more than once.")]
    public void Malformed_csv_is_refused_with_the_problem_named(string text, string message) => Assert.Equal(message, Refusal(text));

    [Fact]
    public void Refusals_never_quote_a_value()
    {
        Assert.DoesNotContain("SECRET", Refusal("a,b\nSECRET,\"SECRET\"x\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", Refusal("a,b\nSECRET,1,2\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused()
    {
        var stream = new MemoryStream([.. "a,b\n1,"u8, 0xFF, 0xFE, 0x41, (byte)'\n']);

        Assert.Equal("The CSV file is not UTF-8 text.", Assert.Throws<BadInputException>(() => CsvTableReader.Read(stream, TableLimits.Default)).Message);
    }

    [Fact]
    public void Tables_over_the_limits_are_refused()
    {
        const string text = "a,b,c\n1,2,3\n4,5,6\n";

        Assert.Equal("The table has 2 rows; the limit is 1 rows.", Refusal(text, new TableLimits { MaxRows = 1 }));
        Assert.Equal("The table has 3 columns; the limit is 2 columns.", Refusal(text, new TableLimits { MaxColumns = 2 }));
        Assert.Equal("The table file is 18 bytes; the limit is 17 bytes.", Refusal(text, new TableLimits { MaxBytes = 17 }));
        Assert.Equal("The table has 6 values (2 rows x 3 columns); the limit is 5 values.", Refusal(text, new TableLimits { MaxCells = 5 }));
        Assert.Equal(2, Read(text, new TableLimits { MaxRows = 2, MaxColumns = 3, MaxBytes = 18, MaxCells = 6 }).RowCount);
    }

    private static readonly Dictionary<string, (int Rows, int Columns)> BenchmarkShapes = new()
    {
        ["abalone"] = (4177, 9),
        ["adult"] = (30162, 14),
        ["australian"] = (690, 15),
        ["balance_scale"] = (625, 5),
        ["bank"] = (4521, 15),
        ["blood_transfusion"] = (748, 5),
        ["breast_cancer"] = (569, 31),
        ["california"] = (20640, 9),
        ["cardiotocography"] = (2126, 36),
        ["churn"] = (5000, 21),
        ["compas"] = (4010, 11),
        ["diabetes"] = (768, 9),
        ["fuel"] = (639, 9),
        ["iris"] = (150, 5),
        ["kc1"] = (2109, 22),
        ["kc2"] = (522, 22),
        ["phoneme"] = (5404, 6),
        ["qsar_biodeg"] = (1055, 42),
        ["steel_plates_fault"] = (1941, 34),
        ["waveform"] = (5000, 41),
    };

    [BenchmarkTablesFact]
    public async Task All_twenty_benchmark_tables_are_read_with_their_row_and_column_counts()
    {
        foreach (var (name, (rows, columns)) in BenchmarkShapes)
        {
            var table = await TableReader.ReadAsync(BenchmarkTables.PathOf(name));

            Assert.True((rows, columns) == (table.RowCount, table.ColumnCount), $"{name}: {table.RowCount} x {table.ColumnCount}");
            Assert.All(table.Columns, column => Assert.Equal(0, column.NullCount)); // SOURCES.md: no missing values
        }
    }

    [BenchmarkTablesFact]
    public async Task Benchmark_columns_get_the_families_their_text_has()
    {
        var iris = await TableReader.ReadAsync(BenchmarkTables.PathOf("iris"));
        var compas = await TableReader.ReadAsync(BenchmarkTables.PathOf("compas"));
        var kc1 = await TableReader.ReadAsync(BenchmarkTables.PathOf("kc1"));

        Assert.Equal([ValueFamily.Real, ValueFamily.Real, ValueFamily.Real, ValueFamily.Real, ValueFamily.Integer], iris.Columns.Select(column => column.Family));
        Assert.Equal(ValueFamily.Integer, compas["age"].Family);
        Assert.Equal(ValueFamily.Text, compas["c_charge_desc"].Family);
        Assert.Equal(ValueFamily.Boolean, kc1["defects"].Family);
        Assert.Equal("5.1", iris["sepal length (cm)"].Format(0));
    }
}
