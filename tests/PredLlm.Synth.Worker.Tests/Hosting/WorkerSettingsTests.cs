using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Worker.Hosting;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Folder;
using PredLlm.Synth.Worker.Tests.Support;
using Xunit.Abstractions;

namespace PredLlm.Synth.Worker.Tests.Hosting;

public sealed class WorkerSettingsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Invalid_storage_settings_stop_the_worker_at_start_with_messages_that_name_them()
    {
        var failures = await StartupFailuresAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:AccountUrl"] = "https://account.blob.core.windows.net",
            ["Storage:ServiceVersion"] = "1999-01-01",
            ["Storage:Areas:Inbox"] = "In_Box",
        });

        Assert.Contains("set either ConnectionString or AccountUrl, not both", failures, StringComparison.Ordinal);
        Assert.Contains("Storage:ServiceVersion '1999-01-01'", failures, StringComparison.Ordinal);
        Assert.Contains("Storage:Areas:Inbox must be a valid container name", failures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_worker_settings_stop_the_worker_at_start_with_messages_that_name_them()
    {
        var failures = await StartupFailuresAsync(new Dictionary<string, string?>
        {
            ["Worker:LeaseDuration"] = "00:00:05",
            ["Worker:PollInterval"] = "00:01:00",
            ["Worker:MaxAttempts"] = "0",
        });

        Assert.Contains("Worker:LeaseDuration must lie between 15 s and 60 s", failures, StringComparison.Ordinal);
        Assert.Contains("Worker:PollInterval must lie between 50 ms and 10 s", failures, StringComparison.Ordinal);
        Assert.Contains("Worker:MaxAttempts must lie between 1 and 100", failures, StringComparison.Ordinal);
    }

    private async Task<string> StartupFailuresAsync(Dictionary<string, string?> settings)
    {
        using var host = WorkerReplica.Build(settings, new JobLedger(), output, "invalid");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var failures = string.Join('\n', StartupValidation.FailuresOf(error));
        output.WriteLine(failures);
        return failures;
    }

    [Fact]
    public void Without_storage_settings_the_worker_uses_the_folder_store_under_storage()
    {
        using var host = WorkerReplica.Build(new Dictionary<string, string?>(), new JobLedger(), output, "default");

        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal("storage", storage.Root);
        Assert.Equal(["inbox", "published", "quarantine", "failed", "state"], storage.Areas.All.Select(area => area.Name));
        Assert.IsType<FolderObjectStore>(host.Services.GetRequiredService<IObjectStore>());
    }
}
