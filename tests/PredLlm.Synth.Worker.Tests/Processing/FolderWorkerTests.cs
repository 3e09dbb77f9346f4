using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Processing;
using PredLlm.Synth.Worker.Tests.Support;
using Xunit.Abstractions;

namespace PredLlm.Synth.Worker.Tests.Processing;

/// <summary>The embedded default: the worker on a local folder, as <c>predllm serve</c> runs with nothing configured.</summary>
public sealed class FolderWorkerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("predllm-storage-");
    private readonly JobLedger _ledger = new();

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_table_dropped_into_the_inbox_folder_is_published_and_a_corrupt_one_goes_to_failed()
    {
        await using var replica = await WorkerReplica.StartAsync(Settings(), _ledger, output, "r1");
        await Eventually.HoldsAsync(() => Directory.Exists(PathOf("inbox")), Patience, "the worker creates the inbox folder");

        // The recommended way to drop a file: write it under a dot-name, then rename it into place.
        await File.WriteAllBytesAsync(PathOf("inbox", ".iris.parquet.partial"), TestInputs.Table());
        File.Move(PathOf("inbox", ".iris.parquet.partial"), PathOf("inbox", "iris.parquet"));
        await File.WriteAllBytesAsync(PathOf("inbox", "notes.parquet"), TestInputs.NotATable());

        await Eventually.HoldsAsync(() => Committed("published", "iris", SynthesisOutputs.ReportJson), Patience, "iris is published");
        await Eventually.HoldsAsync(() => Committed("failed", "notes", FailureReport.FileName), Patience, "notes goes to failed/");
        var run = Assert.Single(Directory.GetDirectories(PathOf("published", "iris")));
        Assert.Equal(
            [SynthesisOutputs.ReportHtml, SynthesisOutputs.ReportJson, SynthesisOutputs.SyntheticTable],
            Directory.GetFiles(run).Select(Path.GetFileName).Order());
        var error = FailureReport.FromBinary(BinaryData.FromBytes(await File.ReadAllBytesAsync(
            Path.Combine(Assert.Single(Directory.GetDirectories(PathOf("failed", "notes"))), FailureReport.FileName))));
        Assert.Contains("PAR1", error.Reason, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => Directory.GetFiles(PathOf("inbox")).Length == 0, Patience, "inputs are deleted once their outcome is written");
    }

    [Fact]
    public async Task Two_replicas_sharing_the_folder_process_each_input_once()
    {
        await using var r1 = await WorkerReplica.StartAsync(Settings(), _ledger, output, "r1");
        await using var r2 = await WorkerReplica.StartAsync(Settings(), _ledger, output, "r2");
        await Eventually.HoldsAsync(() => Directory.Exists(PathOf("inbox")), Patience, "the worker creates the inbox folder");
        var tables = Enumerable.Range(0, 6).Select(i => $"t{i}").ToList();
        foreach (var table in tables)
        {
            await File.WriteAllBytesAsync(PathOf("inbox", $"{table}.parquet"), TestInputs.Table(payload: table));
        }

        foreach (var table in tables)
        {
            await Eventually.HoldsAsync(() => Committed("published", table, SynthesisOutputs.ReportJson), Patience, $"{table} is published");
            Assert.Single(Directory.GetDirectories(PathOf("published", table)));
        }

        output.WriteLine(string.Join(", ", _ledger.Invocations.GroupBy(i => i.Replica).Select(g => $"{g.Key} ran {g.Count()}")));
        Assert.Equal(6, _ledger.Invocations.Count);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Storage:Root"] = _root.FullName,
        ["Worker:PollInterval"] = "00:00:00.100",
        ["Worker:LeaseDuration"] = "00:00:15",
        ["Worker:WorkDirectory"] = Path.Combine(_root.FullName, "work"),
    };

    private string PathOf(params string[] parts) => Path.Combine([_root.FullName, .. parts]);

    private bool Committed(string area, string table, string file) =>
        Directory.Exists(PathOf(area, table))
        && Directory.GetDirectories(PathOf(area, table)).Any(run => File.Exists(Path.Combine(run, file)));
}
