namespace PredLlm.Synth.Quality;

/// <summary>Sizes and settings behind a <see cref="QualityReport"/>, for the report's "how it was measured".</summary>
public sealed record QualitySettings(
    int Seed,
    int BootstrapReplicates,
    int TrainRows,
    int HoldoutRows,
    int SyntheticRows,
    int NumericLevels,
    int CategoryLevels);

/// <summary>
/// Everything measured about how faithful a synthetic table is to the real train split, each
/// statistic beside its holdout reference where one exists, with 95% intervals.
/// </summary>
/// <param name="IdentifierColumns">Identifier-like train columns, not compared.</param>
public sealed record QualityReport(
    QualitySettings Settings,
    IReadOnlyList<string> IdentifierColumns,
    IReadOnlyList<ColumnDistribution> Distributions,
    ColumnShapesResult ColumnShapes,
    PairTrendsResult PairTrends,
    NullRatesResult NullRates,
    AdherenceResult Adherence,
    InverseKlResult InverseKl,
    DensityCoverageResult DensityCoverage,
    DiscriminatorResult Discriminator,
    MlEfficacyResult MlEfficacy);
