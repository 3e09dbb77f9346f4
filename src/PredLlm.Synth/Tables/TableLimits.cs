namespace PredLlm.Synth.Tables;

/// <summary>
/// The largest table the product accepts. A table over a limit is refused before its values are read,
/// so a huge or hostile file cannot exhaust the machine. Policies may set their own limits.
/// </summary>
public sealed record TableLimits
{
    /// <summary>1,000,000 rows: one model is trained per table on one machine; beyond that a run takes too long to be useful.</summary>
    public long MaxRows { get; init; } = 1_000_000;

    /// <summary>1,000 columns: a row must still fit a model's context as text.</summary>
    public int MaxColumns { get; init; } = 1_000;

    /// <summary>1 GiB on disk.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>
    /// 50,000,000 values (rows x columns), about 400 MB held as doubles: the file size alone does not
    /// bound memory, since a compressed Parquet file can expand a thousandfold.
    /// </summary>
    public long MaxCells { get; init; } = 50_000_000;

    public static TableLimits Default { get; } = new();

    /// <summary>Refuses a table of <paramref name="bytes"/> bytes (when known) over the byte limit.</summary>
    internal void CheckBytes(long bytes)
    {
        if (bytes > MaxBytes)
        {
            throw new BadInputException($"The table file is {bytes} bytes; the limit is {MaxBytes} bytes.");
        }
    }

    internal void CheckRows(long rows)
    {
        if (rows > MaxRows)
        {
            throw new BadInputException($"The table has {rows} rows; the limit is {MaxRows} rows.");
        }
    }

    internal void CheckCells(long rows, int columns)
    {
        if (rows * columns > MaxCells)
        {
            throw new BadInputException($"The table has {rows * columns} values ({rows} rows x {columns} columns); the limit is {MaxCells} values.");
        }
    }

    internal void CheckColumns(int columns)
    {
        if (columns > MaxColumns)
        {
            throw new BadInputException($"The table has {columns} columns; the limit is {MaxColumns} columns.");
        }
    }
}
