namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>
/// The network between one replica and the storage account. Severing it makes that replica as good as
/// killed for storage: no renewal, no release, no write gets through, so its claim can only expire.
/// </summary>
public sealed class SeverableConnection() : DelegatingHandler(new SocketsHttpHandler())
{
    private volatile bool _severed;

    public void Sever() => _severed = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _severed
            ? throw new HttpRequestException("the test severed this replica's connection to storage")
            : base.SendAsync(request, cancellationToken);
}
