namespace PredLlm.Synth.Report;

/// <summary>One fact about how the synthetic table was made ("model", "4 layers x 256 wide").</summary>
public sealed record ProvenanceItem(string Name, string Value);

/// <summary>
/// How the synthetic table was made, for the report's last section: <see cref="Source"/> names the
/// maker ("predllm synth", or "made elsewhere, evaluated by predllm evaluate") and <see cref="Details"/>
/// lists what the maker wants on record (model shape, epochs, sampling). Never a data value.
/// </summary>
public sealed record Provenance(string Source, IReadOnlyList<ProvenanceItem> Details);

/// <summary>A seed that took part in the run and what it seeded ("quality", "privacy", "split", "training").</summary>
public sealed record ReportSeed(string Purpose, int Value);
