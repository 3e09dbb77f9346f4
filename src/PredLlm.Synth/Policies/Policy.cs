using PredLlm.Synth.Privacy;

namespace PredLlm.Synth.Policies;

/// <summary>
/// A release policy (<c>policies/*.json</c>): the thresholds of every privacy test, identifier handling,
/// the training budget and its retries, sampling, size limits and quality floors. Loaded and checked by
/// <see cref="PolicyLoader"/>; <see cref="Settings"/> lists every value by its key, for the report.
/// </summary>
public sealed record Policy(
    string Name,
    string Description,
    string? Target,
    PrivacyRules Privacy,
    IdentifierRules Identifiers,
    TrainingRules Training,
    RetryRules Retries,
    SamplingSettings Sampling,
    SizeLimits Limits,
    IReadOnlyList<QualityFloor> Quality,
    IReadOnlyList<PolicySetting> Settings);

/// <summary>The release gate's rules, one section per test (PRIVACY-GATE.md).</summary>
/// <param name="ConfidenceLevel">Level of every reported interval.</param>
/// <param name="RequiredPower">A test is under-powered, and blocks, unless a table free of memorisation would pass it with at least this probability.</param>
/// <param name="BootstrapRounds">Resampling rounds behind every bootstrap (P3's null and interval, true-positive-rate intervals): bounds their cost.</param>
/// <param name="MaxComparedRows">Rows of each table the distance-based tests (P2-P6) compare, sampled with the seed when a table is larger: bounds their cost.</param>
public sealed record PrivacyRules(
    double ConfidenceLevel,
    double RequiredPower,
    int BootstrapRounds,
    int MaxComparedRows,
    PreconditionRules Preconditions,
    ExactCopyRules ExactCopies,
    ClosestRecordRules ClosestRecord,
    LowerTailRules LowerTail,
    WhiteBoxRules WhiteBox,
    BlackBoxRules BlackBox,
    AnonymeterRules Anonymeter,
    RareValueRules RareValues);

/// <summary>P0. <paramref name="OverlapAlpha"/>: significance at which holdout rows found in train beyond the data's own duplicate rate block.</summary>
public sealed record PreconditionRules(int MinTrainRows, int MinHoldoutRows, int MinSyntheticRows, double OverlapAlpha);

/// <summary>P1: fail when the excess copy share is significant at <paramref name="Alpha"/> and above <paramref name="MinExcessShare"/>.</summary>
public sealed record ExactCopyRules(double Alpha, double MinExcessShare);

/// <summary>P2: fail when the upper <paramref name="BoundLevel"/> Wilson bound of the closer-to-train share exceeds <paramref name="MaxUpperBound"/>.</summary>
public sealed record ClosestRecordRules(double BoundLevel, double MaxUpperBound);

/// <summary>P3: Q-delta over quantiles up to <paramref name="MaxQuantile"/>, failing above the <paramref name="NullPercentile"/> of real-vs-real bootstraps.</summary>
public sealed record LowerTailRules(double MaxQuantile, int QuantileSteps, double NullPercentile);

/// <summary>What P4 concludes when no model likelihood is available.</summary>
public enum MissingModelHandling
{
    /// <summary>P4 is recorded as not applicable (a table made by another tool).</summary>
    NotApplicable,

    /// <summary>P4 blocks the release.</summary>
    Block,
}

/// <summary>P4: fail when AUC exceeds <paramref name="MaxAuc"/> or the true-positive rate at <paramref name="LowFpr"/> false positives exceeds <paramref name="MaxTprAtLowFpr"/>.</summary>
public sealed record WhiteBoxRules(double MaxAuc, double MaxTprAtLowFpr, double LowFpr, int MaxRowsPerGroup, MissingModelHandling WithoutModel);

/// <summary>P5: fail when the best attack's AUC exceeds <paramref name="MaxAuc"/>, or <paramref name="MaxIsolatedAuc"/> on the <paramref name="IsolatedShare"/> most isolated records.</summary>
public sealed record BlackBoxRules(double MaxAuc, double MaxIsolatedAuc, double IsolatedShare, int DensityNeighbours, int EditCandidates, int MaxRowsPerGroup);

/// <summary>
/// P6: fail when a residual risk exceeds <paramref name="MaxRisk"/>. Empty <paramref name="QuasiIdentifiers"/>
/// means every column; empty <paramref name="SensitiveColumns"/> means the target column.
/// </summary>
public sealed record AnonymeterRules(
    double MaxRisk,
    int Attacks,
    int MinAttacks,
    int PredicateColumns,
    int LinkabilityNeighbours,
    double NumericTolerance,
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<string> SensitiveColumns);

/// <summary>P7: a value is rare when it occurs at most <paramref name="MaxTrainCount"/> times in train.</summary>
public sealed record RareValueRules(int MaxTrainCount, double Alpha);

/// <summary>What happens to identifier-like columns (nearly all values unique: ids, emails, phone numbers).</summary>
public enum IdentifierHandling
{
    /// <summary>The column is left out of the model and of the output.</summary>
    Drop,

    /// <summary>The column is left out of the model and filled with fresh values in the output.</summary>
    Surrogate,

    /// <summary>The table is refused.</summary>
    Refuse,
}

/// <summary>How identifier-like columns (as the schema inference flags them) are handled.</summary>
public sealed record IdentifierRules(IdentifierHandling Handling);

/// <summary>What a policy sets about training: its budget, when early stopping gives up, and the target's share of the loss.</summary>
public sealed record TrainingRules(int MaxEpochs, double MaxMinutes, int EarlyStoppingPatience, double? TargetLossShare);

/// <summary>
/// Retraining after a REJECT: at most <paramref name="MaxRetries"/> more attempts, each with epochs times
/// <paramref name="EpochFactor"/>, model width times <paramref name="CapacityFactor"/> and the sampling
/// temperature plus <paramref name="TemperatureStep"/>, relative to the attempt before.
/// </summary>
public sealed record RetryRules(int MaxRetries, double EpochFactor, double CapacityFactor, double TemperatureStep);

public sealed record SamplingSettings(double Temperature);

public sealed record SizeLimits(long MaxRows, int MaxColumns, long MaxFileBytes);

/// <summary>Whether a quality floor that is not met only warns in the report or fails the run.</summary>
public enum FloorAction
{
    Warn,
    Fail,
}

/// <summary>
/// A floor on one quality metric: <see cref="IsMaximum"/> for metrics where lower is better
/// (discriminator AUC), otherwise the metric must reach <see cref="Bound"/>.
/// </summary>
public sealed record QualityFloor(string Metric, double Bound, bool IsMaximum, FloorAction Action)
{
    /// <summary>The quality metrics a policy may set a floor on, and whether the bound is a maximum.</summary>
    public static IReadOnlyDictionary<string, bool> KnownMetrics { get; } = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["columnShapes"] = false,
        ["columnPairTrends"] = false,
        ["categoryAdherence"] = false,
        ["rangeAdherence"] = false,
        ["coverage"] = false,
        ["mlEfficacyRatio"] = false,
        ["discriminatorAuc"] = true,
    };
}
