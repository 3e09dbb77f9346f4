using System.Text.Json;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class TableSchemaTests
{
    private static Column<long> Integers(string name, IEnumerable<long> values) =>
        Column.Create<long>(new ColumnDefinition(name, ColumnStorage.Int64, isNullable: false), values.ToArray());

    private static Column<string> Texts(string name, IEnumerable<string> values) =>
        Column.Create<string>(new ColumnDefinition(name, ColumnStorage.String, isNullable: false), values.ToArray());

    private static Column<double> Reals(string name, IEnumerable<double> values) => Column.Create<double>(new ColumnDefinition(name, ColumnStorage.Double, isNullable: false), values.ToArray());

    [Fact]
    public void Each_column_gets_the_kind_its_values_call_for()
    {
        const int rows = 100;
        var random = new Random(41);
        var table = new Table(
        [
            Reals("height", Enumerable.Range(0, rows).Select(_ => random.NextDouble())),
            Integers("grade", Enumerable.Range(0, rows).Select(i => (long)(i % 3))),
            Integers("age", Enumerable.Range(0, rows).Select(i => (long)(18 + (i % 40)))),
            Integers("customer_id", Enumerable.Range(0, rows).Select(i => 1000L + i)),
            Texts("email", Enumerable.Range(0, rows).Select(i => $"person{i}@example.org")),
            Texts("city", Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? "Oslo" : "Lima")),
            Column.Create<bool>(new ColumnDefinition("member", ColumnStorage.Boolean, isNullable: false), Enumerable.Range(0, rows).Select(i => i % 2 == 0).ToArray()),
            Column.Create<DateOnly>(new ColumnDefinition("joined", ColumnStorage.Date, isNullable: false), Enumerable.Range(0, rows).Select(i => new DateOnly(2020, 1, 1).AddDays(i)).ToArray()),
        ]);

        var schema = TableSchema.Infer(table);

        Assert.Equal(
            [ColumnKind.Continuous, ColumnKind.Categorical, ColumnKind.Integer, ColumnKind.IdentifierLike, ColumnKind.IdentifierLike,
                ColumnKind.Categorical, ColumnKind.Boolean, ColumnKind.Datetime],
            schema.Columns.Select(column => column.Kind));
        Assert.Equal(rows, schema.RowCount);
        Assert.Equal(40, schema["age"].DistinctCount);
        Assert.Equal("18", schema["age"].Min);
        Assert.Equal("57", schema["age"].Max);
        Assert.Equal("2020-01-01", schema["joined"].Min);
        Assert.Null(schema["city"].Min);
    }

    [Fact]
    public void A_small_table_of_unique_values_is_not_called_identifier_like()
    {
        var schema = TableSchema.Infer(new Table([Texts("name", ["a", "b", "c"]), Integers("n", [1, 2, 3])]));

        Assert.Equal(ColumnKind.Categorical, schema["name"].Kind);
        Assert.Equal(ColumnKind.Integer, schema["n"].Kind);
    }

    [Fact]
    public void Odd_columns_are_flagged_all_null_constant_nan_and_infinite()
    {
        var table = new Table(
        [
            Column.Create<long>(new ColumnDefinition("nothing", ColumnStorage.Int32, isNullable: true), new long[4], [true, true, true, true]),
            Texts("same", ["x", "x", "x", "x"]),
            Reals("odd", [double.NaN, double.PositiveInfinity, -2.5, double.NegativeInfinity]),
        ]);

        var schema = TableSchema.Infer(table);

        var nothing = schema["nothing"];
        Assert.True(nothing.AllNull);
        Assert.Equal(4, nothing.NullCount);
        Assert.Equal(0, nothing.DistinctCount);
        Assert.Null(nothing.Min);
        Assert.False(nothing.Constant);
        Assert.True(schema["same"].Constant);
        Assert.False(schema["same"].AllNull);
        var odd = schema["odd"];
        Assert.True(odd.HasNaN);
        Assert.True(odd.HasInfinity);
        Assert.Equal("-Infinity", odd.Min);
        Assert.Equal("Infinity", odd.Max);
        Assert.Equal(1, odd.DecimalsSeen);
        Assert.False(schema["same"].HasNaN);
    }

    [Fact]
    public void A_one_row_table_has_a_schema()
    {
        var schema = TableSchema.Infer(new Table([Reals("x", [4.25])]));

        Assert.Equal(1, schema.RowCount);
        Assert.True(schema["x"].Constant);
        Assert.Equal("4.25", schema["x"].Min);
        Assert.Equal("4.25", schema["x"].Max);
    }

    [Fact]
    public void Decimals_seen_is_the_most_digits_after_the_point_any_value_needs()
    {
        var table = new Table(
        [
            Reals("grams", [1.0, 0.125]),
            Reals("tiny", [1e-7, 3.0]),
            Column.Create<double>(new ColumnDefinition("single", ColumnStorage.Float, isNullable: false), [0.1f, 2f]),
            Column.Create<decimal>(new ColumnDefinition("price", ColumnStorage.Decimal(10, 3), isNullable: false), [1.500m, 2m]),
            Integers("n", [10, 20]),
        ]);

        var schema = TableSchema.Infer(table);

        Assert.Equal(3, schema["grams"].DecimalsSeen);
        Assert.Equal(7, schema["tiny"].DecimalsSeen);
        Assert.Equal(1, schema["single"].DecimalsSeen); // 0.1f, not its double expansion 0.10000000149011612
        Assert.Equal(1, schema["price"].DecimalsSeen);
        Assert.Equal("1.500", schema["price"].Min);
        Assert.Equal(0, schema["n"].DecimalsSeen);
    }

    [Fact]
    public void Distinct_values_are_counted_exactly_up_to_the_bound_then_reported_as_at_least()
    {
        var table = new Table([Integers("id", Enumerable.Range(0, 100).Select(i => (long)i)), Integers("code", Enumerable.Range(0, 100).Select(i => (long)(i % 5)))]);

        var schema = TableSchema.Infer(table, distinctCountBound: 10);

        Assert.Equal(10, schema["id"].DistinctCount);
        Assert.True(schema["id"].DistinctCountIsLowerBound);
        Assert.Equal(ColumnKind.IdentifierLike, schema["id"].Kind);
        Assert.Equal(5, schema["code"].DistinctCount);
        Assert.False(schema["code"].DistinctCountIsLowerBound);
    }

    [Fact]
    public void The_json_is_camel_case_with_kinds_as_words()
    {
        var table = new Table([Integers("customer_id", Enumerable.Range(0, 50).Select(i => (long)i)), Texts("city", Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? "Oslo" : "Lima"))]);

        using var json = JsonDocument.Parse(TableSchema.Infer(table).ToJson());

        var root = json.RootElement;
        Assert.Equal(50, root.GetProperty("rowCount").GetInt32());
        var id = root.GetProperty("columns")[0];
        Assert.Equal("customer_id", id.GetProperty("name").GetString());
        Assert.Equal("int64", id.GetProperty("physicalType").GetString());
        Assert.Equal("identifierLike", id.GetProperty("kind").GetString());
        Assert.Equal("0", id.GetProperty("min").GetString());
        Assert.Equal(0, id.GetProperty("decimalsSeen").GetInt32());
        Assert.False(id.GetProperty("nullable").GetBoolean());
        var city = root.GetProperty("columns")[1];
        Assert.Equal("categorical", city.GetProperty("kind").GetString());
        Assert.Equal(2, city.GetProperty("distinctCount").GetInt32());
        Assert.False(city.TryGetProperty("min", out _));
    }
}
