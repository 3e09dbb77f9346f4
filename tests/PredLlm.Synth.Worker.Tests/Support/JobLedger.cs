using System.Collections.Concurrent;
using PredLlm.Synth.Job;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>Every job invocation of a test, across all its replicas: who ran which run, when, and how it ended.</summary>
public sealed class JobLedger
{
    private readonly ConcurrentQueue<JobInvocation> _invocations = new();
    private readonly ConcurrentDictionary<string, int> _attemptsByRun = new();

    public IReadOnlyList<JobInvocation> Invocations => [.. _invocations];

    public JobInvocation Begin(SynthesisRequest request, string replica)
    {
        var attempt = _attemptsByRun.AddOrUpdate(request.RunId, 1, (_, count) => count + 1);
        var invocation = new JobInvocation(request.TableName, request.RunId, replica, attempt, DateTimeOffset.UtcNow);
        _invocations.Enqueue(invocation);
        return invocation;
    }

    public IReadOnlyList<JobInvocation> Of(string table) => [.. _invocations.Where(i => i.Table == table)];
}

public sealed record JobInvocation(string Table, string RunId, string Replica, int AttemptOfRun, DateTimeOffset StartedAt)
{
    private volatile string? _outcome;

    /// <summary>Null while running; then the verdict, "cancelled", or the exception type.</summary>
    public string? Outcome => _outcome;

    public void End(string outcome) => _outcome = outcome;
}
