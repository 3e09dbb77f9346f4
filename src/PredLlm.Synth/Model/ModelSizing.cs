namespace PredLlm.Synth.Model;

/// <summary>The limits within which <see cref="ModelSizing"/> picks a model for a table.</summary>
/// <param name="MinLayers">Smallest depth; two layers let one attend to what another found (column name, then its value).</param>
/// <param name="MaxLayers">Largest depth, which caps training time on big tables.</param>
/// <param name="ParametersPerToken">
/// Target parameters per token of one pass over the train rows: 1.5, which gives the models that one parameter
/// per token gave before rows were written without "is" and separators, a third fewer tokens for the same data.
/// </param>
/// <param name="OverparameterisedDropout">Dropout of a model whose blocks hold more parameters than the target.</param>
public sealed record ModelSizeBounds(int MinLayers = 2, int MaxLayers = 6, double ParametersPerToken = 1.5, double OverparameterisedDropout = 0.1)
{
    public static ModelSizeBounds Default { get; } = new();
}

/// <summary>
/// Chooses the model for a table from its size, so that tiny tables get tiny models and big tables no more
/// than the bounds allow.
/// <para>
/// The rule: one pass over the train rows holds D = rows x mean tokens per row tokens; aim for
/// <see cref="ModelSizeBounds.ParametersPerToken"/> x D parameters. Models grow along one line, depth L with
/// width 64 x L and heads of 64 (so L heads), whose blocks hold about 12 x L x (64 L)^2 = 49,152 L^3
/// parameters: 393 K at L = 2, 1.3 M at 3, 3.1 M at 4, 6.1 M at 5, 10.6 M at 6. The depth is the largest L
/// whose blocks fit the target, clamped to [MinLayers, MaxLayers]. Widths of 128 and more keep both cores busy.
/// </para>
/// <para>
/// Dropout (<see cref="ModelSizeBounds.OverparameterisedDropout"/>) is used only when the model's blocks hold
/// more parameters than the target, which happens to small tables held up by the minimum depth: those can
/// memorise their rows. A model within the target trains without it, which is about 13% faster on a CPU.
/// </para>
/// <para>
/// The context is the longest training sequence plus a quarter (rounded up to a multiple of 8): generated rows
/// may combine long values from different rows and must still fit.
/// </para>
/// </summary>
public static class ModelSizing
{
    public const int WidthPerLayer = 64;
    public const int HeadSize = 64;

    /// <summary>Parameters of the blocks of a model with <paramref name="layers"/> layers on this line (embeddings excluded).</summary>
    public static long BlockParameters(int layers)
    {
        long width = (long)WidthPerLayer * layers;
        return 12L * layers * width * width;
    }

    /// <summary>The model for a table of <paramref name="rows"/> train rows.</summary>
    /// <param name="rows">Train rows.</param>
    /// <param name="meanTokensPerRow">Mean tokens of one serialised row.</param>
    /// <param name="longestSequence">Tokens of the longest training sequence.</param>
    /// <param name="vocabularySize">Size of the compact vocabulary, specials included.</param>
    /// <param name="bounds">Limits; <see cref="ModelSizeBounds.Default"/> when null.</param>
    public static GptConfig Choose(int rows, double meanTokensPerRow, int longestSequence, int vocabularySize, ModelSizeBounds? bounds = null)
    {
        bounds ??= ModelSizeBounds.Default;
        if (bounds.MinLayers < 1 || bounds.MaxLayers < bounds.MinLayers)
        {
            throw new ArgumentException($"Layer bounds [{bounds.MinLayers}, {bounds.MaxLayers}] are empty.", nameof(bounds));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(meanTokensPerRow);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestSequence, 1);

        var tableTokens = rows * meanTokensPerRow;
        var targetParameters = bounds.ParametersPerToken * tableTokens;
        var layers = bounds.MinLayers;
        while (layers < bounds.MaxLayers && BlockParameters(layers + 1) <= targetParameters)
        {
            layers++;
        }
        var width = WidthPerLayer * layers;
        var context = (longestSequence + (longestSequence + 3) / 4 + 7) / 8 * 8;
        var dropout = BlockParameters(layers) > targetParameters ? bounds.OverparameterisedDropout : 0.0;
        return new GptConfig(vocabularySize, context, layers, width / HeadSize, width, dropout);
    }
}
