using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Hosting;
using Xunit.Abstractions;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>One worker replica: a real host composed exactly as <c>predllm serve</c> composes it, with the scripted job.</summary>
public sealed class WorkerReplica : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private WorkerReplica(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static IHost Build(
        IReadOnlyDictionary<string, string?> settings,
        JobLedger ledger,
        ITestOutputHelper output,
        string name,
        Action<BlobClientOptions>? configureBlobClient = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, name));
        builder.Services.AddSynthesisWorker(builder.Configuration, configureBlobClient);
        builder.Services.AddSingleton<ISynthesisJob>(new ScriptedJob(ledger, name));
        return builder.Build();
    }

    public static async Task<WorkerReplica> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        JobLedger ledger,
        ITestOutputHelper output,
        string name,
        Action<BlobClientOptions>? configureBlobClient = null)
    {
        var host = Build(settings, ledger, output, name, configureBlobClient);
        await host.StartAsync();
        return new WorkerReplica(host);
    }

    /// <summary>Graceful stop, as on SIGTERM.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
