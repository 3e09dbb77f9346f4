namespace PredLlm.Synth.Worker.Storage;

/// <summary>One version of a named object as a listing saw it.</summary>
/// <param name="Name">The name inside its area, with <c>/</c> between path segments.</param>
/// <param name="ETag">Changes whenever the content is replaced; a name plus an ETag is one version.</param>
/// <param name="LastModified">When this version was written.</param>
/// <param name="Metadata">User metadata given with the object (keys compared case-insensitively).</param>
public sealed record StoredObject(
    string Name,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
