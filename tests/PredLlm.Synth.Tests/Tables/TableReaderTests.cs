using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Tables;

public sealed class TableReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("predllm-tables-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FileWith(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Parquet_is_recognised_by_its_magic_bytes_whatever_the_file_is_called()
    {
        using var parquet = await ParquetTestFiles.WriteAsync("n", 1L, 2L);
        var path = FileWith("table.csv", parquet.ToArray());

        var table = await TableReader.ReadAsync(path);

        Assert.Equal(ColumnStorage.Int64, table["n"].Definition.Storage);
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public async Task Csv_is_recognised_by_its_extension()
    {
        var table = await TableReader.ReadAsync(FileWith("table.CSV", "a\n1\n"u8.ToArray()));

        Assert.Equal("1", table["a"].Format(0));
    }

    [Fact]
    public async Task A_file_that_is_neither_is_refused()
    {
        var path = FileWith("table.parquet", "a,b\n1,2\n"u8.ToArray());

        var refusal = await Assert.ThrowsAsync<BadInputException>(() => TableReader.ReadAsync(path));

        Assert.StartsWith("The file is not a Parquet file", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var refusal = await Assert.ThrowsAsync<BadInputException>(() => TableReader.ReadAsync(Path.Combine(_folder, "absent.parquet")));

        Assert.StartsWith("There is no file at", refusal.Message, StringComparison.Ordinal);
    }
}
