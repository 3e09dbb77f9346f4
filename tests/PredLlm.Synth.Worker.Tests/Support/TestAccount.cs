using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>
/// One test's own set of containers on the shared Azurite (uniquely prefixed, deleted afterwards), the
/// worker settings that point at them, and direct access for uploads and assertions.
/// </summary>
public sealed class TestAccount : IAsyncDisposable
{
    /// <summary>Azurite 3.37 speaks at most this API version; the client library defaults to a newer one.</summary>
    public const string ServiceVersion = "2026-06-06";

    private readonly string _connectionString;
    private readonly AreaNames _areas;

    private TestAccount(string connectionString, AreaNames areas, BlobServiceClient service)
    {
        _connectionString = connectionString;
        _areas = areas;
        Service = service;
    }

    public BlobServiceClient Service { get; }

    public AreaNames Areas => _areas;

    public static async Task<TestAccount> CreateAsync(AzuriteServer server)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var areas = new AreaNames
        {
            Inbox = $"{prefix}-inbox",
            Published = $"{prefix}-published",
            Quarantine = $"{prefix}-quarantine",
            Failed = $"{prefix}-failed",
            State = $"{prefix}-state",
        };
        var service = new BlobServiceClient(server.ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));
        var account = new TestAccount(server.ConnectionString, areas, service);
        foreach (var (_, name) in areas.All)
        {
            await service.GetBlobContainerClient(name).CreateIfNotExistsAsync();
        }

        return account;
    }

    /// <summary>Worker settings for this account: short polls and the shortest lease Azure allows, so tests stay fast.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _connectionString,
            ["Storage:ServiceVersion"] = ServiceVersion,
            ["Storage:Areas:Inbox"] = _areas.Inbox,
            ["Storage:Areas:Published"] = _areas.Published,
            ["Storage:Areas:Quarantine"] = _areas.Quarantine,
            ["Storage:Areas:Failed"] = _areas.Failed,
            ["Storage:Areas:State"] = _areas.State,
            ["Worker:PollInterval"] = "00:00:00.200",
            ["Worker:LeaseDuration"] = "00:00:15",
            ["Worker:RetryDelay"] = "00:00:00",
            ["Worker:WorkDirectory"] = Path.Combine(Path.GetTempPath(), "predllm-worker-tests"),
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public BlobContainerClient Container(StoreArea area) => Service.GetBlobContainerClient(_areas.NameOf(area));

    public async Task UploadAsync(string name, byte[] content, IDictionary<string, string>? metadata = null)
    {
        var options = new BlobUploadOptions { Metadata = metadata };
        await Container(StoreArea.Inbox).GetBlobClient(name).UploadAsync(new BinaryData(content), options);
    }

    public async Task<List<string>> NamesAsync(StoreArea area)
    {
        var names = new List<string>();
        await foreach (var blob in Container(area).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The run folders under <c>&lt;area&gt;/&lt;table&gt;/</c>, each with its file names.</summary>
    public async Task<Dictionary<string, List<string>>> RunsAsync(StoreArea area, string table)
    {
        var runs = new Dictionary<string, List<string>>();
        foreach (var name in await NamesAsync(area))
        {
            var parts = name.Split('/');
            if (parts.Length == 3 && parts[0] == table)
            {
                runs.TryAdd(parts[1], []);
                runs[parts[1]].Add(parts[2]);
            }
        }

        return runs;
    }

    public async Task<BinaryData> ReadAsync(StoreArea area, string name) =>
        (await Container(area).GetBlobClient(name).DownloadContentAsync()).Value.Content;

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, name) in _areas.All)
        {
            await Service.GetBlobContainerClient(name).DeleteIfExistsAsync();
        }
    }
}
