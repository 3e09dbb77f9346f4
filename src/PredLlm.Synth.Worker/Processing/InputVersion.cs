using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Storage;

namespace PredLlm.Synth.Worker.Processing;

/// <summary>One uploaded version of an input table (name + ETag), with what the worker derives from it.</summary>
/// <param name="Stored">The inbox object as listed.</param>
/// <param name="TableName">The input's name without its extension.</param>
/// <param name="RunId">
/// Deterministic: upload time (UTC, to the second) and a hash of name and ETag, e.g. <c>20260301T101500Z-3fa2c9e1</c>.
/// Sorts by upload time; the same version always gets the same id, a re-upload a new one.
/// </param>
/// <param name="Options">Per-table options from the input's metadata.</param>
public sealed record InputVersion(StoredObject Stored, string TableName, string RunId, TableOptions Options)
{
    /// <summary>Metadata key naming the target column, e.g. <c>x-ms-meta-target: churned</c>.</summary>
    public const string TargetMetadataKey = "target";

    /// <summary>Metadata key naming the policy, e.g. <c>x-ms-meta-policy: strict</c>.</summary>
    public const string PolicyMetadataKey = "policy";

    public string Name => Stored.Name;

    /// <summary>The input's extension (e.g. <c>.parquet</c>), so that the job can tell the format.</summary>
    public string Extension => Path.GetExtension(LastSegment(Stored.Name));

    public static InputVersion From(StoredObject stored)
    {
        var extension = Path.GetExtension(LastSegment(stored.Name));
        var table = extension.Length > 0 && extension.Length < LastSegment(stored.Name).Length
            ? stored.Name[..^extension.Length]
            : stored.Name;
        var options = new TableOptions(MetadataValue(stored, TargetMetadataKey), MetadataValue(stored, PolicyMetadataKey));
        return new InputVersion(stored, table, RunIdOf(stored), options);
    }

    private static string RunIdOf(StoredObject stored)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stored.Name + "\n" + stored.ETag));
        var uploaded = stored.LastModified.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return $"{uploaded}-{Convert.ToHexStringLower(hash.AsSpan(0, 4))}";
    }

    private static string? MetadataValue(StoredObject stored, string key) =>
        stored.Metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string LastSegment(string name) => name[(name.LastIndexOf('/') + 1)..];
}
