using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Worker.Processing;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Blob;
using PredLlm.Synth.Worker.Storage.Folder;

namespace PredLlm.Synth.Worker.Hosting;

/// <summary>The worker's composition: options bound and validated at start, the store, the hosted loop.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>How long the host waits for the worker to stop: the current job is abandoned well within it.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds the inbox worker. The caller registers the <see cref="Job.ISynthesisJob"/> it runs.
    /// <paramref name="configureBlobClient"/> adjusts the blob client (transport, retries) where one is used.
    /// </summary>
    public static IServiceCollection AddSynthesisWorker(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<BlobClientOptions>? configureBlobClient = null)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IObjectStore>(provider => CreateStore(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            configureBlobClient));
        services.AddSingleton<ReceiptBook>();
        services.AddSingleton<RunPublisher>();
        services.AddSingleton<InboxScanner>();
        services.AddSingleton<VersionProcessor>();
        services.AddHostedService<InboxWorker>();
        return services;
    }

    private static IObjectStore CreateStore(StorageOptions options, TimeProvider time, Action<BlobClientOptions>? configureBlobClient)
    {
        if (!options.UsesBlobStorage)
        {
            return new FolderObjectStore(options.Root, options.Areas, time);
        }

        var clientOptions = options.ParsedServiceVersion is { } version ? new BlobClientOptions(version) : new BlobClientOptions();
        configureBlobClient?.Invoke(clientOptions);
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.AccountUrl, new DefaultAzureCredential(), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
        return new BlobObjectStore(service, options.Areas);
    }
}
