using Parquet;
using Parquet.Schema;

namespace PredLlm.Synth.Tables;

/// <summary>
/// Reads a flat Parquet table into a <see cref="Table"/>, one row group at a time so that the reader's
/// buffers are bounded by a row group, not the file. Anything that is not a readable flat table is
/// refused with a <see cref="BadInputException"/> naming the problem (never a value).
/// </summary>
public static class ParquetTableReader
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private static readonly ParquetOptions Options = new()
    {
        UseDateOnlyTypeForDates = true,
        TreatByteArrayAsString = false, // unannotated bytes are refused, not guessed to be text
    };

    /// <summary>True when the stream starts with Parquet's magic bytes; leaves the stream where it was.</summary>
    public static bool HasParquetMagic(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return read == head.Length && head.SequenceEqual(Magic);
    }

    /// <param name="stream">A readable, seekable stream (a file, or a blob opened for reading).</param>
    public static async Task<Table> ReadAsync(Stream stream, TableLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("Parquet needs a seekable stream.", nameof(stream));
        }

        limits.CheckBytes(stream.Length);
        CheckFraming(stream);

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BadInputException("The Parquet file is damaged: its footer (the schema and row group index) cannot be read.", e);
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = FlatFields(SchemaOf(reader), limits);
            var rowCount = RowCountOf(reader);
            limits.CheckRows(rowCount);
            limits.CheckCells(rowCount, fields.Length);
            var capacity = checked((int)rowCount);
            var builders = fields.Select(field => ColumnBuilder.Create(ParquetColumnTypes.ToDefinition(field), capacity)).ToArray();
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rowGroup = reader.OpenRowGroupReader(group);
                for (var i = 0; i < fields.Length; i++)
                {
                    await ReadColumnAsync(rowGroup, group, fields[i], builders[i], cancellationToken).ConfigureAwait(false);
                }
            }

            return new Table(builders.Select(builder => builder.Build()));
        }
    }

    // A Parquet file starts and ends with PAR1; the footer length sits just before the final magic.
    private static void CheckFraming(Stream stream)
    {
        if (!HasParquetMagic(stream))
        {
            throw new BadInputException("The file is not a Parquet file: it does not start with the Parquet magic bytes.");
        }

        const int minimumLength = 12; // magic, footer length, magic
        Span<byte> tail = stackalloc byte[8];
        var truncated = stream.Length < minimumLength;
        if (!truncated)
        {
            var start = stream.Position;
            stream.Seek(-tail.Length, SeekOrigin.End);
            stream.ReadExactly(tail);
            stream.Position = start;
            var footerLength = BitConverter.ToInt32(tail[..4]);
            truncated = !tail[4..].SequenceEqual(Magic) || footerLength <= 0 || footerLength > stream.Length - minimumLength;
        }

        if (truncated)
        {
            throw new BadInputException("The Parquet file is truncated: it does not end with a Parquet footer.");
        }
    }

    /// <summary>Rows in all row groups, from the footer: known before any value is read.</summary>
    private static long RowCountOf(ParquetReader reader)
    {
        var groups = reader.Metadata?.RowGroups ?? [];
        if (groups.Exists(group => group.NumRows < 0))
        {
            throw new BadInputException("The Parquet file is damaged: a row group has a negative row count.");
        }

        var rowCount = groups.Sum(group => group.NumRows);
        return rowCount > 0 ? rowCount : throw new BadInputException("The table has no rows.");
    }

    private static ParquetSchema SchemaOf(ParquetReader reader)
    {
        // The raw schema lists the root, then the columns; Parquet.Net cannot model a schema without columns.
        if (reader.Metadata?.Schema is not { Count: > 1 })
        {
            throw new BadInputException("The table has no columns.");
        }

        try
        {
            return reader.Schema;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BadInputException("The Parquet file is damaged: its schema cannot be read.", e);
        }
    }

    /// <summary>The table's columns, refusing nested, repeated, duplicate or too many columns.</summary>
    private static DataField[] FlatFields(ParquetSchema schema, TableLimits limits)
    {
        limits.CheckColumns(schema.Fields.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fields = new DataField[schema.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = schema.Fields[i];
            if (field is not DataField data || field.SchemaType != SchemaType.Data)
            {
                var nesting = field.SchemaType switch
                {
                    SchemaType.List => "a list",
                    SchemaType.Map => "a map",
                    _ => "a struct (nested group)",
                };
                throw new BadInputException($"Column '{field.Name}' is {nesting}; only flat columns are supported.");
            }

            if (data.IsArray || data.MaxRepetitionLevel > 0)
            {
                throw new BadInputException($"Column '{field.Name}' is repeated (an array); only flat columns are supported.");
            }

            if (!names.Add(field.Name))
            {
                throw new BadInputException($"Column name '{field.Name}' appears more than once.");
            }

            fields[i] = data;
        }

        return fields;
    }

    private static async Task ReadColumnAsync(ParquetRowGroupReader rowGroup, int group, DataField field, ColumnBuilder builder, CancellationToken cancellationToken)
    {
        var chunk = new ColumnChunk(rowGroup, field, checked((int)rowGroup.RowCount), cancellationToken);
        try
        {
            await (builder switch
            {
                ColumnBuilder<string> text => chunk.ReadStringsAsync(text),
                ColumnBuilder<long> integer => ReadIntegersAsync(chunk, integer),
                ColumnBuilder<double> real when builder.Definition.Storage.Kind == StorageKind.Float => chunk.ReadAsync<float, double>(real, value => value),
                ColumnBuilder<double> real => chunk.ReadAsync<double, double>(real, value => value),
                ColumnBuilder<bool> boolean => chunk.ReadAsync<bool, bool>(boolean, value => value),
                ColumnBuilder<decimal> number => chunk.ReadAsync<decimal, decimal>(number, value => value),
                ColumnBuilder<DateOnly> date => chunk.ReadAsync<DateOnly, DateOnly>(date, value => value),
                // Ticks are the stored time; Parquet.Net labels some of them Local, which would shift them when written.
                ColumnBuilder<DateTime> timestamp => chunk.ReadAsync<DateTime, DateTime>(timestamp, value => DateTime.SpecifyKind(value, DateTimeKind.Unspecified)),
                _ => throw new InvalidOperationException($"No reader for {builder.Definition.Storage}."),
            }).ConfigureAwait(false);
        }
        catch (OverflowException e) when (builder.Definition.Family == ValueFamily.Decimal)
        {
            throw new BadInputException($"Column '{field.Name}' holds decimals with more than 28 significant digits, which are not supported.", e);
        }
        catch (Exception e) when (e is not (BadInputException or OperationCanceledException))
        {
            throw new BadInputException($"The Parquet file is damaged: column '{field.Name}' of row group {group} cannot be read.", e);
        }
    }

    private static Task ReadIntegersAsync(ColumnChunk chunk, ColumnBuilder<long> builder) => builder.Definition.Storage.Kind switch
    {
        StorageKind.Int8 => chunk.ReadAsync<sbyte, long>(builder, value => value),
        StorageKind.Int16 => chunk.ReadAsync<short, long>(builder, value => value),
        StorageKind.Int32 => chunk.ReadAsync<int, long>(builder, value => value),
        StorageKind.Int64 => chunk.ReadAsync<long, long>(builder, value => value),
        StorageKind.UInt8 => chunk.ReadAsync<byte, long>(builder, value => value),
        StorageKind.UInt16 => chunk.ReadAsync<ushort, long>(builder, value => value),
        StorageKind.UInt32 => chunk.ReadAsync<uint, long>(builder, value => value),
        StorageKind.UInt64 => chunk.ReadAsync<ulong, long>(builder, value => value <= long.MaxValue
            ? (long)value
            : throw new BadInputException($"Column '{chunk.Field.Name}' holds unsigned 64-bit values above {long.MaxValue}, which are not supported.")),
        _ => throw new InvalidOperationException($"No integer reader for {builder.Definition.Storage}."),
    };

    /// <summary>One column of one row group.</summary>
    private readonly record struct ColumnChunk(ParquetRowGroupReader RowGroup, DataField Field, int Count, CancellationToken CancellationToken)
    {
        /// <summary>Appends the chunk's values, converted to the family's type, and its nulls.</summary>
        public async Task ReadAsync<TStored, TValue>(ColumnBuilder<TValue> builder, Func<TStored, TValue> convert)
            where TStored : struct
        {
            if (!Field.IsNullable)
            {
                var required = new TStored[Count];
                await RowGroup.ReadAsync(Field, required.AsMemory(), cancellationToken: CancellationToken).ConfigureAwait(false);
                foreach (var value in required)
                {
                    builder.Append(convert(value));
                }

                return;
            }

            var optional = new TStored?[Count];
            await RowGroup.ReadAsync(Field, optional.AsMemory(), cancellationToken: CancellationToken).ConfigureAwait(false);
            foreach (var value in optional)
            {
                if (value.HasValue)
                {
                    builder.Append(convert(value.Value));
                }
                else
                {
                    builder.AppendNull();
                }
            }
        }

        public async Task ReadStringsAsync(ColumnBuilder<string> builder)
        {
            var values = new string?[Count];
            await RowGroup.ReadAsync(Field, values.AsMemory(), cancellationToken: CancellationToken).ConfigureAwait(false);
            foreach (var value in values)
            {
                if (value is null)
                {
                    builder.AppendNull();
                }
                else
                {
                    builder.Append(value);
                }
            }
        }
    }
}
