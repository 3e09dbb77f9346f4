namespace PredLlm.Synth.Model;

/// <summary>The shape of a <see cref="GptModel"/>: everything needed to rebuild it before loading weights.</summary>
/// <param name="VocabularySize">Number of token ids (the compact per-table vocabulary, specials included).</param>
/// <param name="ContextLength">Longest sequence the model can read: the size of the learned position table.</param>
/// <param name="Layers">Number of transformer blocks.</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="Width"/>.</param>
/// <param name="Width">Embedding width (n_embd in nanoGPT).</param>
/// <param name="Dropout">Dropout probability used while training (embeddings and residual branches).</param>
public sealed record GptConfig(int VocabularySize, int ContextLength, int Layers, int Heads, int Width, double Dropout)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadSize => Width / Heads;

    /// <summary>Throws <see cref="ArgumentException"/> when the shape cannot be built.</summary>
    public void Validate()
    {
        if (VocabularySize < 2) throw new ArgumentException($"A vocabulary needs at least 2 tokens, not {VocabularySize}.");
        if (ContextLength < 2) throw new ArgumentException($"The context must hold at least 2 tokens, not {ContextLength}.");
        if (Layers < 1) throw new ArgumentException($"A model needs at least one layer, not {Layers}.");
        if (Heads < 1 || Width < 1 || Width % Heads != 0)
        {
            throw new ArgumentException($"Width {Width} must be a positive multiple of the head count {Heads}.");
        }
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"Dropout must lie in [0, 1), not {Dropout}.");
    }
}
