namespace PredLlm.Synth.Tables;

/// <summary>Reads a table file whatever its format: Parquet by its magic bytes, CSV by its name.</summary>
public static class TableReader
{
    public static async Task<Table> ReadAsync(string path, TableLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new BadInputException($"There is no file at '{path}'.");
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, Path.GetFileName(path), limits, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="name">The file or blob name; only its extension is used, to recognise CSV.</param>
    public static async Task<Table> ReadAsync(Stream stream, string name, TableLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        limits ??= TableLimits.Default;
        if (ParquetTableReader.HasParquetMagic(stream))
        {
            return await ParquetTableReader.ReadAsync(stream, limits, cancellationToken).ConfigureAwait(false);
        }

        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return CsvTableReader.Read(stream, limits);
        }

        throw new BadInputException("The file is not a Parquet file (it does not start with the Parquet magic bytes) and its name does not end in .csv.");
    }
}
