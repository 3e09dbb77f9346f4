namespace PredLlm.Synth.Job;

/// <summary>One table to synthesise.</summary>
/// <param name="InputPath">A local copy of the input table (its extension, e.g. <c>.parquet</c> or <c>.csv</c>, is the uploaded one).</param>
/// <param name="TableName">The table's name: the input's name without its extension (may contain <c>/</c>).</param>
/// <param name="RunId">Deterministic id of this input version; the same version always gets the same run id.</param>
/// <param name="Options">Per-table options given with the input (blob metadata).</param>
/// <param name="OutputDirectory">An existing, empty directory for the outputs named in <see cref="SynthesisOutputs"/>.</param>
public sealed record SynthesisRequest(
    string InputPath,
    string TableName,
    string RunId,
    TableOptions Options,
    string OutputDirectory);
