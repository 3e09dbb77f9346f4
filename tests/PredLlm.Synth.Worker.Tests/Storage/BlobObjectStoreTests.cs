using Azure.Storage.Blobs;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Blob;
using PredLlm.Synth.Worker.Tests.Support;

namespace PredLlm.Synth.Worker.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class BlobObjectStoreTests(AzuriteServer azurite) : ObjectStoreContract
{
    private TestAccount _account = null!;

    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        _account = await TestAccount.CreateAsync(azurite);
        return new BlobObjectStore(_account.Service, _account.Areas);
    }

    protected override Task UploadAsync(string name, byte[] content) => _account.UploadAsync(name, content);

    public override async Task DisposeAsync() => await _account.DisposeAsync();
}
