using Parquet.Meta;
using Parquet.Schema;

namespace PredLlm.Synth.Tables;

/// <summary>
/// Translates between Parquet.Net's fields and our <see cref="ColumnStorage"/>: the only place that knows
/// how each storage is spelled in Parquet. Every field is built with explicit nullability, because
/// Parquet.Net's decimal and date-time fields default to non-nullable and then write unreadable files
/// when given nulls.
/// </summary>
internal static class ParquetColumnTypes
{
    /// <summary>The column a flat Parquet field becomes; refuses types the product does not handle.</summary>
    public static ColumnDefinition ToDefinition(DataField field)
    {
        var storage = field switch
        {
            DecimalDataField decimalField => DecimalStorage(field.Name, decimalField),
            DateTimeDataField dateTimeField => TimestampStorage(dateTimeField),
            _ => PlainStorage(field),
        };
        return new ColumnDefinition(field.Name, storage, field.IsNullable);
    }

    public static DataField ToField(ColumnDefinition column)
    {
        var name = column.Name;
        var nullable = column.IsNullable;
        var storage = column.Storage;
        return storage.Kind switch
        {
            StorageKind.Boolean => new DataField<bool>(name, nullable),
            StorageKind.Int8 => new DataField<sbyte>(name, nullable),
            StorageKind.Int16 => new DataField<short>(name, nullable),
            StorageKind.Int32 => new DataField<int>(name, nullable),
            StorageKind.Int64 => new DataField<long>(name, nullable),
            StorageKind.UInt8 => new DataField<byte>(name, nullable),
            StorageKind.UInt16 => new DataField<ushort>(name, nullable),
            StorageKind.UInt32 => new DataField<uint>(name, nullable),
            StorageKind.UInt64 => new DataField<ulong>(name, nullable),
            StorageKind.Float => new DataField<float>(name, nullable),
            StorageKind.Double => new DataField<double>(name, nullable),
            StorageKind.String => new DataField<string>(name, nullable),
            StorageKind.Date => new DataField<DateOnly>(name, nullable),
            StorageKind.Decimal => new DecimalDataField(
                name, storage.DecimalPrecision, storage.DecimalScale, forceByteArrayEncoding: storage.DecimalAsFixedBytes, isNullable: nullable),
            StorageKind.Timestamp => TimestampField(name, storage, nullable),
            _ => throw new InvalidOperationException($"No Parquet type for storage {storage}."),
        };
    }

    private static DateTimeDataField TimestampField(string name, ColumnStorage storage, bool nullable)
    {
        var (format, unit) = (storage.TimestampEncoding, storage.TimestampUnit) switch
        {
            (TimestampEncoding.Int96, _) => (DateTimeFormat.Impala, (DateTimeTimeUnit?)null),
            (TimestampEncoding.LegacyInt64, TimestampUnit.Millis) => (DateTimeFormat.DateAndTime, null),
            (TimestampEncoding.LegacyInt64, _) => (DateTimeFormat.DateAndTimeMicros, null),
            (_, var timestampUnit) => (DateTimeFormat.Timestamp, timestampUnit switch
            {
                TimestampUnit.Millis => DateTimeTimeUnit.Millis,
                TimestampUnit.Micros => DateTimeTimeUnit.Micros,
                _ => DateTimeTimeUnit.Nanos,
            }),
        };
        return new DateTimeDataField(name, format, storage.IsAdjustedToUtc, unit, isNullable: nullable);
    }

    private static ColumnStorage DecimalStorage(string name, DecimalDataField field)
    {
        if (field.Precision is < 1 or > ColumnStorage.MaxDecimalPrecision || field.Scale < 0 || field.Scale > field.Precision)
        {
            throw new BadInputException($"Column '{name}' is a decimal with precision {field.Precision} and scale {field.Scale}, which Parquet does not allow.");
        }

        // Parquet.Net stores precision <= 18 in INT32/INT64 unless told to use fixed bytes, as pyarrow does by default.
        var physical = field.SchemaElement?.Type;
        var asFixedBytes = physical is not (Parquet.Meta.Type.INT32 or Parquet.Meta.Type.INT64);
        return ColumnStorage.Decimal(field.Precision, field.Scale, asFixedBytes);
    }

    private static ColumnStorage TimestampStorage(DateTimeDataField field) => field.DateTimeFormat switch
    {
        DateTimeFormat.Impala => ColumnStorage.Timestamp(TimestampUnit.Nanos, field.IsAdjustedToUTC, TimestampEncoding.Int96),
        DateTimeFormat.DateAndTime => ColumnStorage.Timestamp(TimestampUnit.Millis, field.IsAdjustedToUTC, TimestampEncoding.LegacyInt64),
        DateTimeFormat.DateAndTimeMicros => ColumnStorage.Timestamp(TimestampUnit.Micros, field.IsAdjustedToUTC, TimestampEncoding.LegacyInt64),
        DateTimeFormat.Date => ColumnStorage.Date,
        _ => ColumnStorage.Timestamp(
            field.Unit switch
            {
                DateTimeTimeUnit.Millis => TimestampUnit.Millis,
                DateTimeTimeUnit.Micros => TimestampUnit.Micros,
                _ => TimestampUnit.Nanos,
            },
            field.IsAdjustedToUTC),
    };

    private static ColumnStorage PlainStorage(DataField field) =>
        PlainStorages.TryGetValue(field.ClrType, out var storage)
            ? storage
            : throw new BadInputException($"Column '{field.Name}' holds {Describe(field)}, which is not supported: "
                + "columns must hold numbers, strings, booleans, decimals, dates or timestamps.");

    // What Parquet.Net reads each plain (non-decimal, non-timestamp) physical + logical type as.
    private static readonly Dictionary<System.Type, ColumnStorage> PlainStorages = new()
    {
        [typeof(bool)] = ColumnStorage.Boolean,
        [typeof(sbyte)] = ColumnStorage.Int8,
        [typeof(short)] = ColumnStorage.Int16,
        [typeof(int)] = ColumnStorage.Int32,
        [typeof(long)] = ColumnStorage.Int64,
        [typeof(byte)] = ColumnStorage.UInt8,
        [typeof(ushort)] = ColumnStorage.UInt16,
        [typeof(uint)] = ColumnStorage.UInt32,
        [typeof(ulong)] = ColumnStorage.UInt64,
        [typeof(float)] = ColumnStorage.Float,
        [typeof(double)] = ColumnStorage.Double,
        [typeof(string)] = ColumnStorage.String,
        [typeof(ReadOnlyMemory<char>)] = ColumnStorage.String,
        [typeof(DateOnly)] = ColumnStorage.Date,
    };

    private static string Describe(DataField field)
    {
        var type = field.ClrType;
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            return "raw bytes (BYTE_ARRAY without a string annotation)";
        }

        if (type == typeof(TimeSpan) || type == typeof(TimeOnly))
        {
            return "times of day or intervals";
        }

        var element = field.SchemaElement;
        return element?.LogicalType?.UUID is not null ? "UUIDs"
            : element?.LogicalType?.FLOAT16 is not null ? "16-bit floats"
            : element?.ConvertedType == ConvertedType.INTERVAL ? "intervals"
            : $"values of Parquet type {element?.Type.ToString() ?? type.Name}";
    }
}
