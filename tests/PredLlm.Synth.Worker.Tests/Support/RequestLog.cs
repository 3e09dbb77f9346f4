using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>Records the path of every request a replica sends to storage, to count what a scan costs.</summary>
public sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _paths = new();

    public int CountContaining(string fragment) => _paths.Count(path => path.Contains(fragment, StringComparison.Ordinal));

    public override void OnSendingRequest(HttpMessage message) => _paths.Enqueue(Uri.UnescapeDataString(message.Request.Uri.Path));
}
