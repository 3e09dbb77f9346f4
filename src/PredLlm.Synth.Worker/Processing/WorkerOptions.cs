using System.ComponentModel.DataAnnotations;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>How the worker watches, claims and retries (configuration section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Time between inbox scans while idle; bounds the upload-to-claim latency.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Worker:PollInterval must lie between 50 ms and 10 s (it bounds how long an upload waits to be claimed).")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim outlives a replica that stops renewing it (Azure allows 15 to 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Worker:LeaseDuration must lie between 15 s and 60 s, the lease durations blob storage accepts.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts (including ones cut short by a crash) before a version is declared poison.</summary>
    [Range(1, 100, ErrorMessage = "Worker:MaxAttempts must lie between 1 and 100.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait after a failed attempt before the version is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Worker:RetryDelay must lie between 0 and 1 day.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far the scan watermark lags behind the upload times it has seen, to absorb clock differences
    /// between the storage servers that stamp uploads (a later upload must never look older than the watermark).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Worker:ClockSkewAllowance must lie between 2 s and 1 h.")]
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What happens to an input once its outcome is durable.</summary>
    public InputRetention InputRetention { get; set; } = InputRetention.Delete;

    /// <summary>Where inputs are downloaded and jobs write their outputs; default: the system's temp folder.</summary>
    public string? WorkDirectory { get; set; }
}

/// <summary>What the worker does with an input after its outcome is durable.</summary>
public enum InputRetention
{
    /// <summary>
    /// Delete it (only that version: a newer upload of the same name stays). The inbox then holds only
    /// work still to do, so a scan lists no history, and the real data is not kept longer than needed.
    /// </summary>
    Delete,

    /// <summary>Keep it. Each scan then lists every input ever uploaded, but reads receipts only for new ones.</summary>
    Keep,
}
