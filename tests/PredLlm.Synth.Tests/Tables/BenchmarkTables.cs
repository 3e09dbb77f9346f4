namespace PredLlm.Synth.Tests.Tables;

/// <summary>
/// The paper's 20 benchmark tables (CSV), kept outside the repository: the folder named by the
/// PREDLLM_DATASETS environment variable, else the first <c>shared/datasets</c> found walking up from
/// the test binaries (../shared/datasets next to a checkout).
/// </summary>
internal static class BenchmarkTables
{
    public static string? Folder { get; } = Locate();

    public static string PathOf(string name) =>
        System.IO.Path.Combine(Folder ?? throw new InvalidOperationException("The benchmark tables were not found."), name + ".csv");

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("PREDLLM_DATASETS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "datasets");
            if (File.Exists(System.IO.Path.Combine(candidate, "iris.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A test that needs the benchmark tables; reported as skipped (not passed) where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchmarkTablesFactAttribute : FactAttribute
{
    public BenchmarkTablesFactAttribute()
    {
        if (BenchmarkTables.Folder is null)
        {
            Skip = "The benchmark tables are not here: set PREDLLM_DATASETS or put them in ../shared/datasets.";
        }
    }
}
