using System.Text.Json;
using PredLlm.Synth.Tests.Cli;

namespace PredLlm.Synth.Tests.Tables;

/// <summary><c>predllm schema</c> run as a user runs it: a separate process, its output and exit code.</summary>
public sealed class SchemaCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("predllm-schema-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        PredllmProcess.RunAsync(arguments);

    [Fact]
    public async Task Prints_the_schema_of_a_parquet_table_as_json()
    {
        var path = Path.Combine(_folder, "people.parquet");
        await File.WriteAllBytesAsync(path, (await ParquetTestFiles.WriteAsync("age", 31L, 47L, 31L)).ToArray());

        var (exitCode, output, error) = await RunAsync("schema", path);

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("rowCount").GetInt32());
        var age = json.RootElement.GetProperty("columns")[0];
        Assert.Equal("age", age.GetProperty("name").GetString());
        Assert.Equal(2, age.GetProperty("distinctCount").GetInt32());
        Assert.Equal("47", age.GetProperty("max").GetString());
    }

    [Fact]
    public async Task Bad_input_prints_the_problem_on_stderr_and_exits_with_2()
    {
        var path = Path.Combine(_folder, "broken.parquet");
        var bytes = (await ParquetTestFiles.WriteAsync("age", 31L, 47L)).ToArray();
        await File.WriteAllBytesAsync(path, bytes[..^10]);

        var (exitCode, output, error) = await RunAsync("schema", path);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: The Parquet file is truncated: it does not end with a Parquet footer.", error.Trim());
        Assert.Empty(output);
    }
}
