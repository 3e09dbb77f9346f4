using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs.Specialized;
using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Processing;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Blob;
using PredLlm.Synth.Worker.Tests.Support;
using Xunit.Abstractions;

namespace PredLlm.Synth.Worker.Tests.Processing;

/// <summary>The worker against a real Azurite: what a user of the inbox sees, and what replicas guarantee together.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BlobWorkerTests(AzuriteServer azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] ReleasedFiles = [SynthesisOutputs.ReportHtml, SynthesisOutputs.ReportJson, SynthesisOutputs.SyntheticTable];

    private readonly JobLedger _ledger = new();

    [Fact]
    public async Task A_dropped_table_is_published_with_its_reports_and_the_input_is_removed()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        // The default poll interval, so that the measured latency is the one users get.
        await using var replica = await WorkerReplica.StartAsync(account.Settings(("Worker:PollInterval", "00:00:02")), _ledger, output, "r1");

        await account.UploadAsync("customers.parquet", TestInputs.Table(), new Dictionary<string, string> { ["target"] = "churned", ["policy"] = "strict" });
        var uploadedAt = DateTimeOffset.UtcNow;
        await WaitUntilCommittedAsync(account, StoreArea.Published, "customers");

        var latency = _ledger.Of("customers").Single().StartedAt - uploadedAt;
        output.WriteLine($"upload-to-claim latency: {latency.TotalMilliseconds:F0} ms");
        Assert.True(latency < TimeSpan.FromSeconds(10), $"claimed {latency} after the upload");

        var (run, files) = Assert.Single(await account.RunsAsync(StoreArea.Published, "customers"));
        Assert.Equal(ReleasedFiles, files.Order());
        var report = (await account.ReadAsync(StoreArea.Published, $"customers/{run}/{SynthesisOutputs.ReportJson}")).ToObjectFromJson<ScriptedReport>()!;
        Assert.Equal((run, "churned", "strict"), (report.Run, report.Target, report.Policy));
        await Eventually.HoldsAsync(async () => (await account.NamesAsync(StoreArea.Inbox)).Count == 0, Patience, "the input is deleted once published");
        Assert.Empty(await account.NamesAsync(StoreArea.Quarantine));
        Assert.Empty(await account.NamesAsync(StoreArea.Failed));
    }

    [Fact]
    public async Task Three_replicas_publish_each_of_ten_inputs_exactly_once()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var r1 = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await using var r2 = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r2");
        await using var r3 = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r3");

        var tables = Enumerable.Range(0, 10).Select(i => $"table{i}").ToList();
        foreach (var table in tables)
        {
            await account.UploadAsync($"{table}.parquet", TestInputs.Table(payload: table));
        }

        foreach (var table in tables)
        {
            await WaitUntilCommittedAsync(account, StoreArea.Published, table, TimeSpan.FromSeconds(60));
        }

        await Eventually.HoldsAsync(async () => (await account.NamesAsync(StoreArea.Inbox)).Count == 0, Patience, "every input is deleted once published");
        foreach (var table in tables)
        {
            var (_, files) = Assert.Single(await account.RunsAsync(StoreArea.Published, table));
            Assert.Equal(ReleasedFiles, files.Order());
        }

        var invocations = _ledger.Invocations;
        output.WriteLine(string.Join(", ", invocations.GroupBy(i => i.Replica).Select(g => $"{g.Key} ran {g.Count()}")));
        Assert.Equal(10, invocations.Count);
        Assert.All(invocations.GroupBy(i => i.RunId), run => Assert.Single(run));
    }

    [Fact]
    public async Task A_killed_replicas_claim_expires_and_another_replica_publishes_the_input_once()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        var connection = new SeverableConnection();
        var doomed = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "doomed", options =>
        {
            options.Transport = new HttpClientTransport(new HttpClient(connection));
            options.Retry.MaxRetries = 0;
        });
        await account.UploadAsync("orders.parquet", TestInputs.Table("hang-once"));
        await Eventually.HoldsAsync(() => _ledger.Of("orders").Count == 1, Patience, "the doomed replica claims the input");

        await using var survivor = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "survivor");
        connection.Sever();
        var killedAt = DateTimeOffset.UtcNow;
        await doomed.DisposeAsync();

        await WaitUntilCommittedAsync(account, StoreArea.Published, "orders", TimeSpan.FromSeconds(60));
        var invocations = _ledger.Of("orders");
        Assert.Equal(["doomed", "survivor"], invocations.Select(i => i.Replica));
        var waited = invocations[1].StartedAt - killedAt;
        output.WriteLine($"the survivor took over {waited.TotalSeconds:F1} s after the kill");
        Assert.True(waited > TimeSpan.FromSeconds(9), $"took over after {waited}: before the 15 s claim could have expired");
        var (run, files) = Assert.Single(await account.RunsAsync(StoreArea.Published, "orders"));
        Assert.Equal(ReleasedFiles, files.Order());
        var receipt = VersionReceipt.FromBinary(await account.ReadAsync(StoreArea.State, $"receipts/orders.parquet/{run}.json"))!;
        Assert.Equal((ReceiptStatus.Released, 2), (receipt.Status, receipt.Attempts));
    }

    [Fact]
    public async Task A_replica_that_loses_its_claim_cancels_the_job_before_publishing()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await account.UploadAsync("payments.parquet", TestInputs.Table("hang-once"));
        await Eventually.HoldsAsync(() => _ledger.Of("payments").Count == 1, Patience, "the replica claims the input");
        var first = _ledger.Of("payments")[0];

        // Someone else ends the claim, as when a stalled replica's lease lapses and another replica takes it.
        var receipt = account.Container(StoreArea.State).GetBlobClient($"receipts/payments.parquet/{first.RunId}.json");
        await receipt.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        await Eventually.HoldsAsync(() => first.Outcome == "cancelled", TimeSpan.FromSeconds(15), "the job is cancelled once the claim is gone");
        await WaitUntilCommittedAsync(account, StoreArea.Published, "payments");
        var invocations = _ledger.Of("payments");
        Assert.Equal(["cancelled", nameof(SynthesisVerdict.Released)], invocations.Select(i => i.Outcome));
        var (run, _) = Assert.Single(await account.RunsAsync(StoreArea.Published, "payments"));
        var published = await account.Container(StoreArea.Published).GetBlobClient($"payments/{run}/{SynthesisOutputs.SyntheticTable}").GetPropertiesAsync();
        Assert.True(published.Value.CreatedOn >= invocations[1].StartedAt.AddSeconds(-1), "the outputs come from the second attempt, not the cancelled one");
    }

    [Fact]
    public async Task A_corrupt_file_goes_to_failed_with_its_reason_and_the_next_file_is_served()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await account.UploadAsync("broken.parquet", TestInputs.NotATable());
        await account.UploadAsync("good.parquet", TestInputs.Table());

        await WaitUntilCommittedAsync(account, StoreArea.Failed, "broken", file: FailureReport.FileName);
        await WaitUntilCommittedAsync(account, StoreArea.Published, "good");
        var (run, files) = Assert.Single(await account.RunsAsync(StoreArea.Failed, "broken"));
        Assert.Equal([FailureReport.FileName], files);
        var error = FailureReport.FromBinary(await account.ReadAsync(StoreArea.Failed, $"broken/{run}/{FailureReport.FileName}"));
        Assert.Equal(ReceiptStatus.BadInput, error.Kind);
        Assert.Contains("PAR1", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await account.RunsAsync(StoreArea.Published, "broken"));
        Assert.Single(_ledger.Of("broken"));
    }

    [Fact]
    public async Task A_reupload_gets_a_new_run()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await account.UploadAsync("accounts.parquet", TestInputs.Table(payload: "first"));
        await WaitUntilCommittedAsync(account, StoreArea.Published, "accounts");

        await account.UploadAsync("accounts.parquet", TestInputs.Table(payload: "second"));
        await Eventually.HoldsAsync(
            async () => (await account.RunsAsync(StoreArea.Published, "accounts")).Count(run => run.Value.Contains(SynthesisOutputs.ReportJson)) == 2,
            Patience,
            "the re-upload is published as a second run");

        var runs = await account.RunsAsync(StoreArea.Published, "accounts");
        Assert.Equal(2, runs.Count);
        Assert.All(runs.Values, files => Assert.Equal(ReleasedFiles, files.Order()));
        Assert.Equal(runs.Keys.Order(), _ledger.Of("accounts").Select(i => i.RunId).Order());
    }

    [Fact]
    public async Task A_rejected_table_sends_its_reports_to_quarantine_and_publishes_nothing()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await account.UploadAsync("patients.parquet", TestInputs.Table("reject"));

        await WaitUntilCommittedAsync(account, StoreArea.Quarantine, "patients");
        var (_, files) = Assert.Single(await account.RunsAsync(StoreArea.Quarantine, "patients"));
        Assert.Equal([SynthesisOutputs.ReportHtml, SynthesisOutputs.ReportJson], files.Order());
        Assert.Empty(await account.NamesAsync(StoreArea.Published));
    }

    [Fact]
    public async Task A_version_that_keeps_failing_is_poison_after_the_attempt_limit_and_is_not_retried()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await using var replica = await WorkerReplica.StartAsync(account.Settings(("Worker:MaxAttempts", "2")), _ledger, output, "r1");
        await account.UploadAsync("flaky.parquet", TestInputs.Table("fail"));

        await WaitUntilCommittedAsync(account, StoreArea.Failed, "flaky", file: FailureReport.FileName);
        var (run, _) = Assert.Single(await account.RunsAsync(StoreArea.Failed, "flaky"));
        var error = FailureReport.FromBinary(await account.ReadAsync(StoreArea.Failed, $"flaky/{run}/{FailureReport.FileName}"));
        Assert.Equal(ReceiptStatus.Poisoned, error.Kind);
        Assert.Equal([1, 2], error.Failures.Select(f => f.Attempt));
        Assert.All(error.Failures, f => Assert.Contains("scripted internal failure", f.Error, StringComparison.Ordinal));

        await Task.Delay(TimeSpan.FromSeconds(1)); // several polls
        Assert.Equal(2, _ledger.Of("flaky").Count);
    }

    [Fact]
    public async Task Stopping_abandons_the_job_within_ten_seconds_and_hands_the_claim_back()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        var stopping = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "stopping");
        await account.UploadAsync("ledger.parquet", TestInputs.Table("hang-once"));
        await Eventually.HoldsAsync(() => _ledger.Of("ledger").Count == 1, Patience, "the replica claims the input");
        var first = _ledger.Of("ledger")[0];

        var clock = Stopwatch.StartNew();
        await stopping.DisposeAsync();
        output.WriteLine($"stopped in {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
        Assert.Equal("cancelled", first.Outcome);

        var receiptName = $"receipts/ledger.parquet/{first.RunId}.json";
        var lease = account.Container(StoreArea.State).GetBlobClient(receiptName).GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15)); // throws if the claim had not been handed back
        await lease.ReleaseAsync();
        var receipt = VersionReceipt.FromBinary(await account.ReadAsync(StoreArea.State, receiptName))!;
        Assert.Equal((ReceiptStatus.Pending, 0), (receipt.Status, receipt.Attempts));
        Assert.Empty(await account.NamesAsync(StoreArea.Published));

        await using var next = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "next");
        await WaitUntilCommittedAsync(account, StoreArea.Published, "ledger");
        Assert.Single(await account.RunsAsync(StoreArea.Published, "ledger"));
    }

    [Fact]
    public async Task After_a_restart_nothing_is_reprocessed_and_versions_below_the_watermark_cost_no_receipt_reads()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        var keep = account.Settings(("Worker:InputRetention", "Keep"), ("Worker:ClockSkewAllowance", "00:00:02"));
        var first = await WorkerReplica.StartAsync(keep, _ledger, output, "first");
        foreach (var table in new[] { "old0", "old1", "old2" })
        {
            await account.UploadAsync($"{table}.parquet", TestInputs.Table(payload: table));
            await WaitUntilCommittedAsync(account, StoreArea.Published, table);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // the next upload is stamped past the skew allowance
        await account.UploadAsync("recent.parquet", TestInputs.Table(payload: "recent"));
        await WaitUntilCommittedAsync(account, StoreArea.Published, "recent");
        await Task.Delay(TimeSpan.FromSeconds(1)); // the first replica records its watermark
        await first.DisposeAsync();

        var requests = new RequestLog();
        await using var restarted = await WorkerReplica.StartAsync(keep, _ledger, output, "restarted",
            options => options.AddPolicy(requests, HttpPipelinePosition.PerCall));
        await Task.Delay(TimeSpan.FromSeconds(2)); // about ten scans

        Assert.Equal(4, _ledger.Invocations.Count);
        Assert.Equal(4, (await account.NamesAsync(StoreArea.Inbox)).Count);
        Assert.Equal(0, requests.CountContaining("receipts/old"));
        Assert.InRange(requests.CountContaining("receipts/recent.parquet"), 1, 2);
    }

    [Fact]
    public async Task Remains_of_an_attempt_that_died_while_publishing_are_replaced_by_the_next_attempt()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await account.UploadAsync("visits.parquet", TestInputs.Table(payload: "visits"));
        var run = (await InboxVersionsAsync(account)).Single().RunId;
        await account.Container(StoreArea.Published).GetBlobClient($"visits/{run}/{SynthesisOutputs.SyntheticTable}").UploadAsync(BinaryData.FromString("half-written"));

        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await WaitUntilCommittedAsync(account, StoreArea.Published, "visits");

        var (publishedRun, files) = Assert.Single(await account.RunsAsync(StoreArea.Published, "visits"));
        Assert.Equal(run, publishedRun);
        Assert.Equal(ReleasedFiles, files.Order());
        var synthetic = await account.ReadAsync(StoreArea.Published, $"visits/{run}/{SynthesisOutputs.SyntheticTable}");
        Assert.Equal(TestInputs.Table(payload: "visits"), synthetic.ToArray());
    }

    [Fact]
    public async Task A_run_committed_before_its_replica_died_is_recorded_without_running_again()
    {
        await using var account = await TestAccount.CreateAsync(azurite);
        await account.UploadAsync("claims.parquet", TestInputs.Table(payload: "claims"));
        var run = (await InboxVersionsAsync(account)).Single().RunId;
        foreach (var file in ReleasedFiles)
        {
            await account.Container(StoreArea.Published).GetBlobClient($"claims/{run}/{file}").UploadAsync(BinaryData.FromString("from the attempt that died"));
        }

        await using var replica = await WorkerReplica.StartAsync(account.Settings(), _ledger, output, "r1");
        await Eventually.HoldsAsync(async () => (await account.NamesAsync(StoreArea.Inbox)).Count == 0, Patience, "the input is retired as settled");

        Assert.Empty(_ledger.Invocations);
        var receipt = VersionReceipt.FromBinary(await account.ReadAsync(StoreArea.State, $"receipts/claims.parquet/{run}.json"))!;
        Assert.Equal((ReceiptStatus.Released, 0), (receipt.Status, receipt.Attempts));
        Assert.Equal("from the attempt that died", (await account.ReadAsync(StoreArea.Published, $"claims/{run}/{SynthesisOutputs.ReportJson}")).ToString());
    }

    private static async Task<List<InputVersion>> InboxVersionsAsync(TestAccount account)
    {
        var versions = new List<InputVersion>();
        await foreach (var stored in new BlobObjectStore(account.Service, account.Areas).ListAsync(StoreArea.Inbox, CancellationToken.None))
        {
            versions.Add(InputVersion.From(stored));
        }

        return versions;
    }

    private static Task WaitUntilCommittedAsync(TestAccount account, StoreArea area, string table, TimeSpan? patience = null, string file = SynthesisOutputs.ReportJson) =>
        Eventually.HoldsAsync(
            async () => (await account.RunsAsync(area, table)).Values.Any(files => files.Contains(file)),
            patience ?? Patience,
            $"a run of {table} is committed in {area}");
}
