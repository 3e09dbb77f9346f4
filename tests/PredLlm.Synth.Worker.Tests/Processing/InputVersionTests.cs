using PredLlm.Synth.Worker.Processing;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Tests.Processing;

public sealed class InputVersionTests
{
    private static readonly DateTimeOffset Uploaded = new(2026, 3, 1, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_version_always_gets_the_same_run_and_a_new_upload_a_new_one()
    {
        var first = InputVersion.From(Stored("sales.parquet", "\"0x1\""));
        var again = InputVersion.From(Stored("sales.parquet", "\"0x1\""));
        var reupload = InputVersion.From(Stored("sales.parquet", "\"0x2\""));

        Assert.Equal(first.RunId, again.RunId);
        Assert.NotEqual(first.RunId, reupload.RunId);
        Assert.Matches(@"^20260301T101500Z-[0-9a-f]{8}$", first.RunId);
    }

    [Theory]
    [InlineData("customers.parquet", "customers", ".parquet")]
    [InlineData("finance/2026/q1.csv", "finance/2026/q1", ".csv")]
    [InlineData("archive.v2.parquet", "archive.v2", ".parquet")]
    [InlineData("readme", "readme", "")]
    [InlineData("x/.parquet", "x/.parquet", ".parquet")]
    public void The_table_is_the_input_name_without_its_extension(string name, string table, string extension)
    {
        var version = InputVersion.From(Stored(name, "\"0x1\""));

        Assert.Equal((table, extension), (version.TableName, version.Extension));
    }

    [Fact]
    public void Metadata_names_the_target_column_and_the_policy()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Target"] = " churned ", ["policy"] = "strict" };

        var options = InputVersion.From(Stored("t.parquet", "\"0x1\"", metadata)).Options;

        Assert.Equal(("churned", "strict"), (options.TargetColumn, options.PolicyName));
        var none = InputVersion.From(Stored("t.parquet", "\"0x1\"")).Options;
        Assert.Null(none.TargetColumn);
        Assert.Null(none.PolicyName);
    }

    private static StoredObject Stored(string name, string etag, Dictionary<string, string>? metadata = null) =>
        new(name, etag, Uploaded, metadata ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
}
