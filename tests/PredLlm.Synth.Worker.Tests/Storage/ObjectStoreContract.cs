using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Tests.Storage;

/// <summary>
/// The guarantees the worker relies on, checked on every store: conditional creation never overwrites,
/// version-conditioned reads and deletes never touch a newer upload, and a lease is exclusive.
/// </summary>
public abstract class ObjectStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    private IObjectStore _store = null!;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Puts a new version of an input, as a user would upload it.</summary>
    protected abstract Task UploadAsync(string name, byte[] content);

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_a_name_that_exists_fails_and_keeps_the_first_content()
    {
        Assert.True(await _store.TryCreateAsync(StoreArea.Published, "t/run/report.json", BinaryData.FromString("first"), CancellationToken.None));
        Assert.False(await _store.TryCreateAsync(StoreArea.Published, "t/run/report.json", BinaryData.FromString("second"), CancellationToken.None));

        var content = await _store.ReadAsync(StoreArea.Published, "t/run/report.json", CancellationToken.None);
        Assert.Equal("first", content!.ToString());
    }

    [Fact]
    public async Task Of_several_writers_creating_one_name_at_once_exactly_one_succeeds_and_its_content_stays()
    {
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            _store.TryCreateAsync(StoreArea.State, "receipts/race.json", BinaryData.FromString($"writer {i}"), CancellationToken.None)));
        var created = await Task.WhenAll(writers);

        var winner = Assert.Single(Enumerable.Range(0, 8), i => created[i]);
        Assert.Equal($"writer {winner}", (await _store.ReadAsync(StoreArea.State, "receipts/race.json", CancellationToken.None))!.ToString());
    }

    [Fact]
    public async Task Deleting_a_replaced_version_keeps_the_newer_upload()
    {
        await UploadAsync("sales.parquet", [1, 2, 3]);
        var old = await ListedAsync("sales.parquet");
        await UploadAsync("sales.parquet", [4, 5, 6, 7]);
        var current = await ListedAsync("sales.parquet");

        Assert.NotEqual(old.ETag, current.ETag);
        Assert.False(await _store.DeleteVersionAsync(StoreArea.Inbox, old, CancellationToken.None));
        Assert.Equal(current.ETag, (await ListedAsync("sales.parquet")).ETag);
        Assert.True(await _store.DeleteVersionAsync(StoreArea.Inbox, current, CancellationToken.None));
        Assert.Empty(await ListAsync(StoreArea.Inbox));
    }

    [Fact]
    public async Task Downloading_a_replaced_version_reports_it_gone()
    {
        await UploadAsync("sales.parquet", [1, 2, 3]);
        var old = await ListedAsync("sales.parquet");
        await UploadAsync("sales.parquet", [4, 5, 6, 7]);
        var path = Path.GetTempFileName();
        try
        {
            await Assert.ThrowsAsync<ObjectVersionGoneException>(() => _store.DownloadAsync(StoreArea.Inbox, old, path, CancellationToken.None));
            await _store.DownloadAsync(StoreArea.Inbox, await ListedAsync("sales.parquet"), path, CancellationToken.None);
            Assert.Equal([4, 5, 6, 7], await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_held_lease_excludes_others_until_released()
    {
        await _store.TryCreateAsync(StoreArea.State, "receipts/x.json", BinaryData.FromString("{}"), CancellationToken.None);
        var held = await _store.TryAcquireLeaseAsync(StoreArea.State, "receipts/x.json", LeaseDuration, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await _store.TryAcquireLeaseAsync(StoreArea.State, "receipts/x.json", LeaseDuration, CancellationToken.None));
        await held.RenewAsync(CancellationToken.None);

        await held.ReleaseAsync(CancellationToken.None);
        var next = await _store.TryAcquireLeaseAsync(StoreArea.State, "receipts/x.json", LeaseDuration, CancellationToken.None);
        Assert.NotNull(next);
        await Assert.ThrowsAsync<LeaseLostException>(() => held.RenewAsync(CancellationToken.None));
        await Assert.ThrowsAsync<LeaseLostException>(() =>
            _store.ReplaceAsync(StoreArea.State, "receipts/x.json", BinaryData.FromString("{\"stale\":true}"), held, CancellationToken.None));

        await _store.ReplaceAsync(StoreArea.State, "receipts/x.json", BinaryData.FromString("{\"by\":\"next\"}"), next, CancellationToken.None);
        Assert.Equal("{\"by\":\"next\"}", (await _store.ReadAsync(StoreArea.State, "receipts/x.json", CancellationToken.None))!.ToString());
    }

    [Fact]
    public async Task Listing_shows_nested_names_of_its_own_area_only()
    {
        await UploadAsync("finance/q1.parquet", [1]);
        await _store.TryCreateAsync(StoreArea.Published, "elsewhere.json", BinaryData.FromString("{}"), CancellationToken.None);

        var listed = Assert.Single(await ListAsync(StoreArea.Inbox));
        Assert.Equal("finance/q1.parquet", listed.Name);
    }

    private async Task<List<StoredObject>> ListAsync(StoreArea area)
    {
        var objects = new List<StoredObject>();
        await foreach (var stored in _store.ListAsync(area, CancellationToken.None))
        {
            objects.Add(stored);
        }

        return objects;
    }

    private async Task<StoredObject> ListedAsync(string name) => (await ListAsync(StoreArea.Inbox)).Single(o => o.Name == name);
}
