using Parquet;
using Parquet.Schema;

namespace PredLlm.Synth.Tables;

/// <summary>
/// Writes a <see cref="Table"/> as Parquet with exactly the schema its columns were read with: names,
/// order, physical and logical types, nullability, decimal precision and scale, timestamp units.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>Rows per row group: large enough for good compression, small enough for bounded memory when read.</summary>
    public const int DefaultRowsPerGroup = 100_000;

    public static async Task WriteAsync(Table table, string path, int rowsPerGroup = DefaultRowsPerGroup, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await using (file.ConfigureAwait(false))
        {
            await WriteAsync(table, file, rowsPerGroup, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="stream">A writable, seekable stream; left open.</param>
    public static async Task WriteAsync(Table table, Stream stream, int rowsPerGroup = DefaultRowsPerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerGroup, 1);
        var fields = table.Columns.Select(column => ParquetColumnTypes.ToField(column.Definition)).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (var start = 0; start < table.RowCount; start += rowsPerGroup)
            {
                var rows = new RowRange(start, Math.Min(rowsPerGroup, table.RowCount - start));
                using var rowGroup = writer.CreateRowGroup();
                for (var i = 0; i < fields.Length; i++)
                {
                    await WriteColumnAsync(rowGroup, fields[i], table[i], rows, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private readonly record struct RowRange(int Start, int Count);

    private static Task WriteColumnAsync(ParquetRowGroupWriter rowGroup, DataField field, Column column, RowRange rows, CancellationToken cancellationToken) =>
        (column, column.Definition.Storage.Kind) switch
        {
            (Column<string> text, _) => rowGroup.WriteAsync(field, Strings(text, rows)),
            (Column<bool> boolean, _) => WriteAsync(rowGroup, field, boolean, rows, value => value, cancellationToken),
            (Column<long> integer, StorageKind.Int8) => WriteAsync(rowGroup, field, integer, rows, value => (sbyte)value, cancellationToken),
            (Column<long> integer, StorageKind.Int16) => WriteAsync(rowGroup, field, integer, rows, value => (short)value, cancellationToken),
            (Column<long> integer, StorageKind.Int32) => WriteAsync(rowGroup, field, integer, rows, value => (int)value, cancellationToken),
            (Column<long> integer, StorageKind.Int64) => WriteAsync(rowGroup, field, integer, rows, value => value, cancellationToken),
            (Column<long> integer, StorageKind.UInt8) => WriteAsync(rowGroup, field, integer, rows, value => (byte)value, cancellationToken),
            (Column<long> integer, StorageKind.UInt16) => WriteAsync(rowGroup, field, integer, rows, value => (ushort)value, cancellationToken),
            (Column<long> integer, StorageKind.UInt32) => WriteAsync(rowGroup, field, integer, rows, value => (uint)value, cancellationToken),
            (Column<long> integer, StorageKind.UInt64) => WriteAsync(rowGroup, field, integer, rows, value => (ulong)value, cancellationToken),
            (Column<double> real, StorageKind.Float) => WriteAsync(rowGroup, field, real, rows, value => (float)value, cancellationToken),
            (Column<double> real, _) => WriteAsync(rowGroup, field, real, rows, value => value, cancellationToken),
            (Column<decimal> number, _) => WriteAsync(rowGroup, field, number, rows, value => value, cancellationToken),
            (Column<DateOnly> date, _) => WriteAsync(rowGroup, field, date, rows, value => value, cancellationToken),
            // Unspecified: Parquet.Net would convert a Local time to UTC and shift it.
            (Column<DateTime> timestamp, _) => WriteAsync(rowGroup, field, timestamp, rows, value => DateTime.SpecifyKind(value, DateTimeKind.Unspecified), cancellationToken),
            _ => throw new InvalidOperationException($"No Parquet writer for a {column.Definition.Storage} column."),
        };

    private static Task WriteAsync<TValue, TStored>(
        ParquetRowGroupWriter rowGroup, DataField field, Column<TValue> column, RowRange rows, Func<TValue, TStored> convert, CancellationToken cancellationToken)
        where TStored : struct
    {
        var values = column.Values.Slice(rows.Start, rows.Count);
        if (!field.IsNullable)
        {
            var required = new TStored[rows.Count];
            for (var i = 0; i < required.Length; i++)
            {
                required[i] = convert(values[i]);
            }

            return rowGroup.WriteAsync<TStored>(field, required, cancellationToken: cancellationToken);
        }

        var optional = new TStored?[rows.Count];
        for (var i = 0; i < optional.Length; i++)
        {
            optional[i] = column.IsNull(rows.Start + i) ? null : convert(values[i]);
        }

        return rowGroup.WriteAsync<TStored>(field, optional, cancellationToken: cancellationToken);
    }

    private static string?[] Strings(Column<string> column, RowRange rows)
    {
        var values = new string?[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var row = rows.Start + i;
            values[i] = column.IsNull(row) ? null : column[row];
        }

        return values;
    }
}
