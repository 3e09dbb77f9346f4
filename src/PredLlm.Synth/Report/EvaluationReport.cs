using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Report;

/// <summary>
/// Everything report.json and report.html say about one synthetic table: the verdict, the privacy
/// gate's decision, the quality measurements and floors, and how the table was made (inputs by
/// fingerprint, policy, seeds, timings). Aggregates only: it holds no row and no per-record value.
/// </summary>
public sealed record EvaluationReport(
    string TableName,
    DateTimeOffset GeneratedAt,
    ReleaseVerdict Verdict,
    GateDecision Gate,
    QualityReport Quality,
    IReadOnlyList<QualityFloorResult> QualityFloors,
    Policy Policy,
    IReadOnlyList<InputFingerprint> Inputs,
    IReadOnlyList<ReportSeed> Seeds,
    Provenance Provenance,
    IReadOnlyList<StageTiming> Timings);
