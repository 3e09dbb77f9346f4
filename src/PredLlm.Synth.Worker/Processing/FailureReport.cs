namespace PredLlm.Synth.Worker.Processing;

/// <summary>
/// <c>failed/&lt;table&gt;/&lt;run&gt;/error.json</c>: why a version produced no synthetic table. Users read
/// <see cref="Reason"/>; <see cref="Failures"/> lists every failed attempt of a poisoned version.
/// </summary>
public sealed record FailureReport(
    string Table,
    string Run,
    string Input,
    string ETag,
    ReceiptStatus Kind,
    string Reason,
    IReadOnlyList<AttemptFailure> Failures)
{
    public const string FileName = "error.json";

    public BinaryData ToBinary() => BinaryData.FromObjectAsJson(this, WorkerJson.Options);

    public static FailureReport FromBinary(BinaryData data) =>
        data.ToObjectFromJson<FailureReport>(WorkerJson.Options)
        ?? throw new InvalidDataException($"{FileName} is empty");
}
