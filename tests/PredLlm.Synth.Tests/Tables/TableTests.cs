using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public class TableTests
{
    private static Column<long> IntegerColumn(string name, params long?[] values)
    {
        var builder = new ColumnBuilder<long>(new ColumnDefinition(name, ColumnStorage.Int64, isNullable: values.Any(v => v is null)));
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value.Value);
            }
        }

        return builder.Build();
    }

    private static Column<string> TextColumn(string name, params string?[] values) =>
        Column.Create<string>(
            new ColumnDefinition(name, ColumnStorage.String, isNullable: true),
            values.Select(v => v ?? "").ToArray(),
            values.Select(v => v is null).ToArray());

    [Fact]
    public void Taking_rows_keeps_values_and_nulls_in_the_order_asked()
    {
        var table = new Table([IntegerColumn("id", 1, null, 3, 4), TextColumn("name", "a", "b", null, "d")]);

        var taken = table.TakeRows([3, 1, 2, 3]);

        Assert.Equal(4, taken.RowCount);
        Assert.Equal(["4", null, "3", "4"], Enumerable.Range(0, 4).Select(taken["id"].Format));
        Assert.Equal(["d", "b", null, "d"], Enumerable.Range(0, 4).Select(taken["name"].Format));
        Assert.Equal(1, taken["id"].NullCount);
        Assert.Equal(4L, ((Column<long>)taken[0])[0]);
    }

    [Fact]
    public void Columns_are_found_by_exact_name_and_position()
    {
        var table = new Table([IntegerColumn("id", 1), TextColumn("Name", "x")]);

        Assert.Equal(1, table.IndexOf("Name"));
        Assert.Equal(-1, table.IndexOf("name"));
        Assert.False(table.TryGetColumn("name", out _));
        Assert.Same(table[1], table["Name"]);
        Assert.Equal(["Name", "id"], table.SelectColumns(["Name", "id"]).Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_table_refuses_duplicate_names_unequal_lengths_and_no_columns()
    {
        Assert.Throws<ArgumentException>(() => new Table([IntegerColumn("a", 1), IntegerColumn("a", 2)]));
        Assert.Throws<ArgumentException>(() => new Table([IntegerColumn("a", 1), IntegerColumn("b", 1, 2)]));
        Assert.Throws<ArgumentException>(() => new Table([]));
    }

    [Fact]
    public void A_non_nullable_column_cannot_hold_a_null()
    {
        var builder = ColumnBuilder.Create(new ColumnDefinition("id", ColumnStorage.Int32, isNullable: false));
        Assert.Throws<InvalidOperationException>(builder.AppendNull);
        Assert.Throws<ArgumentException>(() => Column.Create<long>(new ColumnDefinition("id", ColumnStorage.Int64, isNullable: false), [1, 2], [false, true]));
    }

    [Fact]
    public void A_builder_grows_past_its_capacity_and_keeps_every_value()
    {
        var builder = new ColumnBuilder<double>(new ColumnDefinition("x", ColumnStorage.Double, isNullable: true), capacity: 1);
        for (var i = 0; i < 1000; i++)
        {
            if (i % 7 == 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(i / 4.0);
            }
        }

        var column = builder.Build();
        Assert.Equal(1000, column.Count);
        Assert.Equal(143, column.NullCount);
        Assert.True(column.IsNull(994));
        Assert.Equal(999 / 4.0, column[999]);
        Assert.Equal("249.75", column.Format(999));
    }

    [Fact]
    public void Text_columns_hold_empty_strings_at_null_rows_so_values_are_never_null_references()
    {
        var column = TextColumn("t", "x", null);
        Assert.Equal("", column[1]);
        Assert.True(column.IsNull(1));
        Assert.False(column.IsNull(0));
    }

    [Fact]
    public void A_column_refuses_values_of_the_wrong_type_for_its_storage()
    {
        Assert.Throws<ArgumentException>(() => new ColumnBuilder<int>(new ColumnDefinition("x", ColumnStorage.Int32, isNullable: false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnStorage.Decimal(39, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnStorage.Decimal(5, 6));
    }
}
