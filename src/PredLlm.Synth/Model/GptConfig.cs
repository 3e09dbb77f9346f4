namespace PredLlm.Synth.Model;

/// <summary>The shape of a <see cref="GptModel"/>: everything needed to rebuild it before loading weights.</summary>
/// <param name="VocabularySize">Number of token ids (the compact per-table vocabulary, specials included).</param>
/// <param name="ContextLength">Longest sequence the model can read: the size of the learned position table.</param>
/// <param name="Layers">Number of transformer blocks.</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="Width"/>.</param>
/// <param name="Width">Embedding width (n_embd in nanoGPT).</param>
/// <param name="Dropout">Dropout probability used while training (embeddings and residual branches).</param>
/// <param name="ColumnNames">The token ids that name columns, when the sequences are table rows; each token then
/// also learns the column it belongs to. Null for plain text.</param>
public sealed record GptConfig(int VocabularySize, int ContextLength, int Layers, int Heads, int Width, double Dropout, ColumnNameTokens? ColumnNames = null)
{
    /// <summary>Rows of the column embedding: one per column, and row 0 for tokens before any column name.</summary>
    public int ColumnEmbeddingRows => (ColumnNames?.Count ?? 0) + 1;

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
        if (ColumnNames is { } names && (names.First < 0 || names.Count < 1 || names.First + names.Count > VocabularySize))
        {
            throw new ArgumentException($"Column name tokens [{names.First}, {names.First + names.Count}) must lie in the vocabulary of {VocabularySize}.");
        }
    }
}

/// <summary>
/// The contiguous token ids <c>First .. First + Count - 1</c> that name the table's columns, in table order.
/// Every token from a name token up to the next name (its value's tokens) belongs to that column.
/// </summary>
public sealed record ColumnNameTokens(int First, int Count);
