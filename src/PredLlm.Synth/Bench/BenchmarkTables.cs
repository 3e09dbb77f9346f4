namespace PredLlm.Synth.Bench;

/// <summary>Finds the benchmark tables: the folders and files the user names, else ../shared/datasets.</summary>
public static class BenchmarkTables
{
    private static readonly string[] TableExtensions = [".csv", ".parquet"];

    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var sources = given.Count > 0 ? given : [DefaultFolder()];
        var tables = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                tables.AddRange(Directory.EnumerateFiles(source)
                    .Where(path => TableExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(source))
            {
                tables.Add(source);
            }
            else
            {
                throw new BadInputException($"'{source}' is neither a table file nor a folder of tables.");
            }
        }
        return tables.Count > 0 ? tables : throw new BadInputException("No tables (.csv or .parquet) were found to benchmark.");
    }

    private static string DefaultFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "datasets");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new BadInputException("No --datasets given and no shared/datasets folder found above the working directory.");
    }
}
