namespace PredLlm.Synth.Tables;

/// <summary>The exact Parquet type a column is stored as (physical type plus logical annotation).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members are named after the Parquet and .NET types they stand for.")]
public enum StorageKind
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,

    /// <summary>Unsigned 64-bit; held as <see cref="long"/>, so values above <see cref="long.MaxValue"/> are refused when read.</summary>
    UInt64,
    Float,
    Double,
    Decimal,
    String,
    Date,
    Timestamp,
}

/// <summary>Resolution of a stored timestamp.</summary>
public enum TimestampUnit
{
    Millis,
    Micros,
    Nanos,
}

/// <summary>How a timestamp is laid out in the file.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members are named after the Parquet and .NET types they stand for.")]
public enum TimestampEncoding
{
    /// <summary>INT64 with the TIMESTAMP logical type (unit and UTC flag): what current writers produce.</summary>
    Int64,

    /// <summary>INT64 with only the legacy TIMESTAMP_MILLIS / TIMESTAMP_MICROS converted type.</summary>
    LegacyInt64,

    /// <summary>Legacy INT96 (Impala, older Spark), nanosecond resolution.</summary>
    Int96,
}

/// <summary>
/// Everything needed to write a column back with exactly the type it was read with: our own record
/// rather than a Parquet.Net object, so that tables read from CSV get a sensible default storage too
/// and later stages never depend on the Parquet library.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members are named after the Parquet and .NET types they stand for.")]
public sealed record ColumnStorage
{
    private ColumnStorage(StorageKind kind) => Kind = kind;

    public StorageKind Kind { get; }

    /// <summary>Total digits of a decimal column (1-38); 0 for other kinds.</summary>
    public int DecimalPrecision { get; private init; }

    /// <summary>Digits after the point of a decimal column; 0 for other kinds.</summary>
    public int DecimalScale { get; private init; }

    /// <summary>True when a decimal is stored as FIXED_LEN_BYTE_ARRAY (pyarrow's default) rather than INT32/INT64.</summary>
    public bool DecimalAsFixedBytes { get; private init; }

    public TimestampUnit TimestampUnit { get; private init; }

    public TimestampEncoding TimestampEncoding { get; private init; }

    /// <summary>The TIMESTAMP logical type's isAdjustedToUTC flag.</summary>
    public bool IsAdjustedToUtc { get; private init; }

    public ValueFamily Family => Kind switch
    {
        StorageKind.Boolean => ValueFamily.Boolean,
        StorageKind.Int8 or StorageKind.Int16 or StorageKind.Int32 or StorageKind.Int64
            or StorageKind.UInt8 or StorageKind.UInt16 or StorageKind.UInt32 or StorageKind.UInt64 => ValueFamily.Integer,
        StorageKind.Float or StorageKind.Double => ValueFamily.Real,
        StorageKind.Decimal => ValueFamily.Decimal,
        StorageKind.String => ValueFamily.Text,
        StorageKind.Date => ValueFamily.Date,
        StorageKind.Timestamp => ValueFamily.Timestamp,
        _ => throw new InvalidOperationException($"Unknown storage kind {Kind}."),
    };

    /// <summary>Smallest and largest value an integer column can hold (as a <see cref="long"/>).</summary>
    public (long Min, long Max) IntegerRange => Kind switch
    {
        StorageKind.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        StorageKind.Int16 => (short.MinValue, short.MaxValue),
        StorageKind.Int32 => (int.MinValue, int.MaxValue),
        StorageKind.Int64 => (long.MinValue, long.MaxValue),
        StorageKind.UInt8 => (byte.MinValue, byte.MaxValue),
        StorageKind.UInt16 => (ushort.MinValue, ushort.MaxValue),
        StorageKind.UInt32 => (uint.MinValue, uint.MaxValue),
        StorageKind.UInt64 => (0, long.MaxValue),
        _ => throw new InvalidOperationException($"{Kind} is not an integer storage."),
    };

    public static ColumnStorage Boolean { get; } = new(StorageKind.Boolean);
    public static ColumnStorage Int8 { get; } = new(StorageKind.Int8);
    public static ColumnStorage Int16 { get; } = new(StorageKind.Int16);
    public static ColumnStorage Int32 { get; } = new(StorageKind.Int32);
    public static ColumnStorage Int64 { get; } = new(StorageKind.Int64);
    public static ColumnStorage UInt8 { get; } = new(StorageKind.UInt8);
    public static ColumnStorage UInt16 { get; } = new(StorageKind.UInt16);
    public static ColumnStorage UInt32 { get; } = new(StorageKind.UInt32);
    public static ColumnStorage UInt64 { get; } = new(StorageKind.UInt64);
    public static ColumnStorage Float { get; } = new(StorageKind.Float);
    public static ColumnStorage Double { get; } = new(StorageKind.Double);
    public static ColumnStorage String { get; } = new(StorageKind.String);
    public static ColumnStorage Date { get; } = new(StorageKind.Date);

    /// <summary>Largest decimal precision Parquet allows in FIXED_LEN_BYTE_ARRAY. Values are held as
    /// <see cref="decimal"/> (28-29 digits): a file whose values go beyond that is refused when read.</summary>
    public const int MaxDecimalPrecision = 38;

    public static ColumnStorage Decimal(int precision, int scale, bool asFixedBytes = false)
    {
        if (precision is < 1 or > MaxDecimalPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"Decimal precision must be 1-{MaxDecimalPrecision}.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Decimal scale must be between 0 and the precision.");
        }

        return new(StorageKind.Decimal) { DecimalPrecision = precision, DecimalScale = scale, DecimalAsFixedBytes = asFixedBytes };
    }

    public static ColumnStorage Timestamp(TimestampUnit unit, bool isAdjustedToUtc, TimestampEncoding encoding = TimestampEncoding.Int64)
    {
        var valid = encoding switch
        {
            TimestampEncoding.LegacyInt64 => unit != TimestampUnit.Nanos,
            TimestampEncoding.Int96 => unit == TimestampUnit.Nanos,
            _ => true,
        };
        if (!valid)
        {
            throw new ArgumentException($"A {encoding} timestamp cannot have {unit} resolution.", nameof(unit));
        }

        return new(StorageKind.Timestamp) { TimestampUnit = unit, IsAdjustedToUtc = isAdjustedToUtc, TimestampEncoding = encoding };
    }

    /// <summary>The storage a column read from CSV is written with. Decimals have no default: their
    /// precision and scale come from the source.</summary>
    public static ColumnStorage DefaultFor(ValueFamily family) => family switch
    {
        ValueFamily.Boolean => Boolean,
        ValueFamily.Integer => Int64,
        ValueFamily.Real => Double,
        ValueFamily.Text => String,
        ValueFamily.Date => Date,
        ValueFamily.Timestamp => Timestamp(TimestampUnit.Micros, isAdjustedToUtc: false),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "No default storage for this family."),
    };

    public override string ToString() => Kind switch
    {
        StorageKind.Decimal => $"decimal({DecimalPrecision},{DecimalScale}){(DecimalAsFixedBytes ? " fixed bytes" : "")}",
        StorageKind.Timestamp => TimestampEncoding switch
        {
            TimestampEncoding.Int96 => "timestamp(int96)",
            TimestampEncoding.LegacyInt64 => $"timestamp({TimestampUnit.ToString().ToLowerInvariant()}, legacy)",
            _ => $"timestamp({TimestampUnit.ToString().ToLowerInvariant()}{(IsAdjustedToUtc ? ", utc" : "")})",
        },
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
