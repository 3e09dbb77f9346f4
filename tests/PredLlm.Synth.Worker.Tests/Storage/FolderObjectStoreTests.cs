using Microsoft.Extensions.Time.Testing;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Folder;

namespace PredLlm.Synth.Worker.Tests.Storage;

public sealed class FolderObjectStoreTests : ObjectStoreContract
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("predllm-folder-store-");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private int _uploads;

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new FolderObjectStore(_root.FullName, new AreaNames(), _time));

    /// <summary>Each upload gets its own modification time, and the clock moves past the quiet period.</summary>
    protected override async Task UploadAsync(string name, byte[] content)
    {
        var path = Path.Combine(_root.FullName, "inbox", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(++_uploads));
        _time.SetUtcNow(DateTimeOffset.UtcNow + FolderObjectStore.QuietPeriod);
    }

    public override Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Files_being_written_and_hidden_files_are_not_listed()
    {
        var store = await CreateStoreAsync();
        await store.InitializeAsync(CancellationToken.None);
        var inbox = Path.Combine(_root.FullName, "inbox");
        await File.WriteAllBytesAsync(Path.Combine(inbox, ".copying.parquet"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "fresh.parquet"), [1]);
        _time.SetUtcNow(DateTimeOffset.UtcNow);

        Assert.Empty(await ListAsync(store));
        _time.Advance(FolderObjectStore.QuietPeriod + TimeSpan.FromSeconds(1));
        Assert.Equal(["fresh.parquet"], (await ListAsync(store)).Select(o => o.Name));
    }

    private static async Task<List<StoredObject>> ListAsync(IObjectStore store)
    {
        var objects = new List<StoredObject>();
        await foreach (var stored in store.ListAsync(StoreArea.Inbox, CancellationToken.None))
        {
            objects.Add(stored);
        }

        return objects;
    }
}
