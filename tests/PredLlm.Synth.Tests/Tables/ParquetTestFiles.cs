using Parquet;
using Parquet.Schema;

namespace PredLlm.Synth.Tests.Tables;

/// <summary>A column of a test file, written straight with Parquet.Net (not with our writer).</summary>
internal abstract class SourceColumn(DataField field)
{
    public DataField Field { get; } = field;

    public abstract int Count { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, int start, int count);

    /// <summary>The invariant text our table model must give for the value at <paramref name="row"/>.</summary>
    public abstract string? ExpectedText(int row);
}

internal sealed class StructSourceColumn<T>(DataField field, T?[] values, Func<T, string> expectedText) : SourceColumn(field)
    where T : struct
{
    public override int Count => values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int start, int count) => Field.IsNullable
        ? rowGroup.WriteAsync<T>(Field, values.AsMemory(start, count))
        : rowGroup.WriteAsync<T>(Field, values.Skip(start).Take(count).Select(value => value!.Value).ToArray());

    public override string? ExpectedText(int row) => values[row] is { } value ? expectedText(value) : null;
}

internal sealed class StringSourceColumn(DataField field, string?[] values) : SourceColumn(field)
{
    public override int Count => values.Length;

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, int start, int count) =>
        rowGroup.WriteAsync(Field, values.Skip(start).Take(count).ToArray());

    public override string? ExpectedText(int row) => values[row];
}

internal static class ParquetTestFiles
{
    /// <summary>Writes the columns into a Parquet file with the given row group sizes.</summary>
    public static async Task<MemoryStream> WriteAsync(IReadOnlyList<SourceColumn> columns, params int[] rowGroupSizes)
    {
        var stream = new MemoryStream();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(column => column.Field).ToArray()), stream);
        await using (writer)
        {
            var start = 0;
            foreach (var size in rowGroupSizes)
            {
                using var rowGroup = writer.CreateRowGroup();
                foreach (var column in columns)
                {
                    await column.WriteAsync(rowGroup, start, size);
                }

                start += size;
            }
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A file of one plain column of type T (nullable or not) with the given values.</summary>
    public static Task<MemoryStream> WriteAsync<T>(string name, params T[] values)
        where T : struct =>
        WriteAsync([new StructSourceColumn<T>(new DataField<T>(name, nullable: false), values.Select(v => (T?)v).ToArray(), v => v.ToString()!)], values.Length);

    /// <summary>
    /// A Parquet file whose schema has no columns at all. Parquet.Net refuses to write one, so its
    /// footer is spelled out in Thrift's compact protocol: FileMetaData{version=1, schema=[root with
    /// 0 children], num_rows=0, row_groups=[]}.
    /// </summary>
    public static MemoryStream WithoutColumns()
    {
        byte[] footer =
        [
            0x15, 0x02,                                  // 1: version (i32) = 1
            0x19, 0x1C,                                  // 2: schema, list of 1 struct
            0x48, 0x06, .. "schema"u8, 0x15, 0x00, 0x00, //    {4: name = "schema", 5: num_children = 0}
            0x16, 0x00,                                  // 3: num_rows (i64) = 0
            0x19, 0x0C,                                  // 4: row_groups, empty list of structs
            0x00,                                        // end of FileMetaData
        ];
        var stream = new MemoryStream();
        stream.Write("PAR1"u8);
        stream.Write(footer);
        stream.Write(BitConverter.GetBytes(footer.Length));
        stream.Write("PAR1"u8);
        stream.Position = 0;
        return stream;
    }
}
