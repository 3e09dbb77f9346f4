namespace PredLlm.Synth.Quality;

/// <summary>Positions of the three samples in the weight lists a <see cref="Bootstrap"/> hands to table statistics.</summary>
internal static class ComparedSamples
{
    public const int Train = 0;
    public const int Holdout = 1;
    public const int Synthetic = 2;

    public static int[] Sizes(AlignedTables tables) => [tables.TrainRows, tables.HoldoutRows, tables.SyntheticRows];

    /// <summary>A score from the bootstrap outputs at <paramref name="at"/> (synthetic vs train) and <paramref name="at"/> + 1 (holdout vs train).</summary>
    public static ComparedScore Score(Estimate[] outputs, int at) => new(outputs[at], outputs[at + 1]);
}
