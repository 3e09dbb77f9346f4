using System.Text.Json.Serialization;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// The worker's durable record of one input version (state area, <c>receipts/&lt;input&gt;/&lt;run&gt;.json</c>):
/// created once with If-None-Match:* when a scan first sees the version, leased by the replica that
/// works on it, and finally marked with the outcome so that no replica ever processes it again.
/// </summary>
public sealed record VersionReceipt(
    string Input,
    string ETag,
    string RunId,
    ReceiptStatus Status,
    int Attempts,
    DateTimeOffset? RetryAfter,
    IReadOnlyList<AttemptFailure> Failures)
{
    [JsonIgnore]
    public bool IsSettled => Status != ReceiptStatus.Pending;

    public static VersionReceipt PendingFor(InputVersion version) =>
        new(version.Name, version.Stored.ETag, version.RunId, ReceiptStatus.Pending, 0, null, []);

    public BinaryData ToBinary() => BinaryData.FromObjectAsJson(this, WorkerJson.Options);

    public static VersionReceipt FromBinary(BinaryData data) =>
        data.ToObjectFromJson<VersionReceipt>(WorkerJson.Options) ?? throw new InvalidDataException("a receipt is empty");
}

public enum ReceiptStatus
{
    /// <summary>Waiting for a replica, or being worked on by the lease holder.</summary>
    Pending,

    /// <summary>The synthetic copy and its reports are in published/.</summary>
    Released,

    /// <summary>The gate refused the copy; the reports are in quarantine/.</summary>
    Rejected,

    /// <summary>The input is not a usable table; failed/ has the reason.</summary>
    BadInput,

    /// <summary>Every attempt failed; failed/ has the errors. Not retried until re-uploaded.</summary>
    Poisoned,

    /// <summary>The version was deleted or replaced before it could be read; a newer upload is its own version.</summary>
    Vanished,
}

/// <summary>One failed attempt: when, and the error (type and message; messages never carry data values).</summary>
public sealed record AttemptFailure(int Attempt, DateTimeOffset At, string Error);
