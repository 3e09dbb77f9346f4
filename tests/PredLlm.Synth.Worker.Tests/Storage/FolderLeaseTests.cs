using Microsoft.Extensions.Time.Testing;
using PredLlm.Synth.Worker.Storage;
using PredLlm.Synth.Worker.Storage.Folder;

namespace PredLlm.Synth.Worker.Tests.Storage;

/// <summary>Expiry of the folder store's lock-file leases, on a fake clock instead of waiting.</summary>
public sealed class FolderLeaseTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("predllm-folder-lease-");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_lease_that_is_renewed_is_never_taken()
    {
        var holder = await AcquireAsync();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Duration / 3);
            await holder!.RenewAsync(CancellationToken.None);
            Assert.Null(await AcquireAsync());
        }
    }

    [Fact]
    public async Task An_expired_lease_is_taken_by_exactly_one_of_several_takers_and_its_old_holder_has_lost_it()
    {
        var crashed = await AcquireAsync();
        _time.Advance(Duration + TimeSpan.FromSeconds(2));

        var takers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(AcquireAsync)));

        Assert.Single(takers, lease => lease is not null);
        await Assert.ThrowsAsync<LeaseLostException>(() => crashed!.RenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_holder_past_its_expiry_cannot_renew_even_before_anyone_takes_over()
    {
        var late = await AcquireAsync();
        _time.Advance(Duration);

        await Assert.ThrowsAsync<LeaseLostException>(() => late!.RenewAsync(CancellationToken.None));
    }

    private async Task<FolderLease?> AcquireAsync() =>
        await FolderLease.TryAcquireAsync(_directory.FullName, Duration, _time, CancellationToken.None);
}
