namespace PredLlm.Synth.Splits;

/// <summary>
/// How a table is divided before training. The holdout is never trained on: it is the yardstick of every
/// privacy and quality test, so it is taken first and stratified by the target. Validation rows only steer
/// early stopping, so a couple of thousand are plenty however large the table.
/// </summary>
public sealed record SplitPlan
{
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>Upper bound on holdout rows: past it, more holdout rows sharpen no test but cost distance work.</summary>
    public int MaxHoldoutRows { get; init; } = 20_000;

    /// <summary>Share of the non-holdout rows kept aside for early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    public int MaxValidationRows { get; init; } = 2_000;

    /// <summary>A numeric target is stratified by this many quantile bins.</summary>
    public int NumericTargetBins { get; init; } = 10;

    /// <summary>The paper's protocol: 80/20 with no validation rows taken out (training makes its own).</summary>
    public static SplitPlan PaperProtocol { get; } = new() { MaxHoldoutRows = int.MaxValue, ValidationFraction = 0 };

    public void Validate()
    {
        if (HoldoutFraction is < 0 or >= 1 || ValidationFraction is < 0 or >= 1)
        {
            throw new BadInputException("Split fractions must lie in [0, 1).");
        }
        if (MaxHoldoutRows < 0 || MaxValidationRows < 0 || NumericTargetBins < 1)
        {
            throw new BadInputException("Split bounds must be non-negative and at least one target bin is needed.");
        }
    }
}
