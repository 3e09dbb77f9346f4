using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// A GPT-style causal decoder (after nanoGPT's model.py): token and learned position embeddings, a stack of
/// pre-LayerNorm blocks, a final LayerNorm, and output logits computed with the token embedding itself (tied
/// weights). <see cref="Prefill(KeyValueCache, IReadOnlyList{int[]})"/> and <see cref="DecodeStep"/> decode a batch
/// incrementally with a <see cref="KeyValueCache"/>.
/// </summary>
/// <remarks>
/// One addition to GPT-2: a column embedding. Each token also gets a learned vector for the column it belongs
/// to (read from the latest column-name token before it). Without it, a value's tokens can only be told apart
/// by content and absolute position, and once values take a varying number of tokens, positions no longer
/// say which field a token is in. With it, the label's query can attend straight to the keys tagged with the
/// columns it depends on. It costs one small embedding table and no measurable speed. (A rule table that a
/// session-1 model failed to learn was learned with and without it once early stopping waited longer, so
/// that failure is not evidence for it.)
/// </remarks>
public sealed class GptModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Parameter-name prefix of the column embedding, which GPT-2 checkpoints do not have.</summary>
    public const string ColumnEmbeddingName = "wce";

    private const double InitialStandardDeviation = 0.02;

    /// <summary>
    /// Padded positions a prefill reads at once. A whole batch of long prompts at once (256 rows of 72 tokens)
    /// makes activations of tens of megabytes, and the CPU then waits on memory: reading it in chunks of rows
    /// this size was about 40% faster per token on the 2-core machine.
    /// </summary>
    private const int PrefillChunkTokens = 2048;

    [ComponentName(Name = "wte")] private readonly Embedding tokenEmbedding;
    [ComponentName(Name = "wpe")] private readonly Embedding positionEmbedding;
    [ComponentName(Name = ColumnEmbeddingName)] private readonly Embedding columnEmbedding;
    [ComponentName(Name = "drop")] private readonly Dropout embeddingDropout;
    [ComponentName(Name = "h")] private readonly ModuleList<TransformerBlock> blocks;
    [ComponentName(Name = "ln_f")] private readonly LayerNorm finalNorm;
    private readonly long[]? columnRowOfToken;
    private readonly TrainingMatmuls matmuls = new();

    /// <summary>Builds a model with weights drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public GptModel(GptConfig config, long seed) : base(nameof(GptModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        tokenEmbedding = nn.Embedding(config.VocabularySize, config.Width);
        positionEmbedding = nn.Embedding(config.ContextLength, config.Width);
        columnEmbedding = nn.Embedding(config.ColumnEmbeddingRows, config.Width);
        columnRowOfToken = ColumnRowOfToken(config);
        embeddingDropout = nn.Dropout(config.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new TransformerBlock(config, matmuls)).ToArray());
        finalNorm = nn.LayerNorm(config.Width);
        RegisterComponents();
        InitialiseWeights(seed);
    }

    public GptConfig Config { get; }

    /// <summary>The number format of the matrix products while the model trains; evaluation is always fp32.</summary>
    public MatmulPrecision TrainingPrecision
    {
        get => matmuls.Precision;
        set => matmuls.Precision = value;
    }

    /// <summary>Number of trainable numbers (the tied output weights counted once).</summary>
    public long ParameterCount => parameters().Sum(parameter => parameter.numel());

    /// <summary>Next-token logits [batch, time, vocabulary] for every position of <paramref name="tokens"/> [batch, time] (int64).</summary>
    public override Tensor forward(Tensor tokens)
    {
        var time = tokens.shape[1];
        if (time > Config.ContextLength)
        {
            throw new ArgumentException($"A sequence of {time} tokens exceeds the model's context of {Config.ContextLength}.", nameof(tokens));
        }
        var positions = KeptScalars.Range(0, time, tokens.device).unsqueeze(0);
        var hidden = Embed(tokens, positions, ColumnsOf(tokens, NoColumnYet(tokens)));
        foreach (var block in blocks)
        {
            hidden = block.call(hidden);
        }
        return Logits(hidden);
    }

    /// <summary>
    /// Starts decoding a batch: reads every prefix once and returns the next-token logits [batch, vocabulary] after
    /// each prefix together with a cache that has room for <paramref name="maxNewTokens"/> more tokens per row.
    /// The model must be in evaluation mode (<c>eval()</c>). The caller disposes the cache.
    /// </summary>
    public (Tensor LastLogits, KeyValueCache Cache) Prefill(IReadOnlyList<int[]> prefixes, int maxNewTokens) =>
        Prefill(prefixes, maxNewTokens, PrefillChunkTokens);

    /// <summary><see cref="Prefill(IReadOnlyList{int[]}, int)"/>, reading about <paramref name="chunkTokens"/> padded positions at a time.</summary>
    internal (Tensor LastLogits, KeyValueCache Cache) Prefill(IReadOnlyList<int[]> prefixes, int maxNewTokens, int chunkTokens)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var longest = prefixes.Count == 0 ? 0 : prefixes.Max(prefix => prefix.Length);
        if (maxNewTokens < 0 || longest + maxNewTokens > Config.ContextLength)
        {
            throw new ArgumentException($"A prefix of {longest} tokens plus {maxNewTokens} new ones does not fit the model's context of {Config.ContextLength}.", nameof(maxNewTokens));
        }
        var cache = new KeyValueCache(Config, tokenEmbedding.weight!.device, prefixes.Count, longest + maxNewTokens);
        try
        {
            return (Prefill(cache, prefixes, chunkTokens), cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An empty cache with room for batches of <paramref name="rows"/> sequences as long as the context, which
    /// <see cref="Prefill(KeyValueCache, IReadOnlyList{int[]})"/> reuses batch after batch: a cache per batch had
    /// the kernel map and zero its ~130 MB afresh each time (a page fault per 4 KiB). The caller disposes it.
    /// </summary>
    public KeyValueCache NewCache(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return new KeyValueCache(Config, tokenEmbedding.weight!.device, rows, Config.ContextLength);
    }

    /// <summary>
    /// Starts decoding a batch in <paramref name="cache"/>, forgetting what it held: reads every prefix once and
    /// returns the next-token logits [batch, vocabulary] after each prefix. The model must be in evaluation mode
    /// (<c>eval()</c>).
    /// </summary>
    public Tensor Prefill(KeyValueCache cache, IReadOnlyList<int[]> prefixes) => Prefill(cache, prefixes, PrefillChunkTokens);

    /// <summary><see cref="Prefill(KeyValueCache, IReadOnlyList{int[]})"/>, reading about <paramref name="chunkTokens"/> padded positions at a time.</summary>
    internal Tensor Prefill(KeyValueCache cache, IReadOnlyList<int[]> prefixes, int chunkTokens)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(prefixes);
        EnsureEvaluationMode();
        if (prefixes.Count == 0 || prefixes.Any(prefix => prefix.Length == 0))
        {
            throw new ArgumentException("Decoding needs at least one prefix and every prefix at least one token.", nameof(prefixes));
        }
        var longest = prefixes.Max(prefix => prefix.Length);
        var capacity = cache.Capacity;
        if (longest > capacity)
        {
            throw new ArgumentException($"A prefix of {longest} tokens does not fit the cache's {capacity} positions.", nameof(prefixes));
        }

        using var noGrad = no_grad();
        var batch = prefixes.Count;
        var tokenIds = new long[batch * longest];
        var positions = new long[batch * longest];
        var keyIsReal = new bool[batch * capacity];
        var nextPositions = new long[batch];
        for (var row = 0; row < batch; row++)
        {
            var prefix = prefixes[row];
            var padding = longest - prefix.Length;
            for (var column = padding; column < longest; column++)
            {
                tokenIds[row * longest + column] = prefix[column - padding];
                positions[row * longest + column] = column - padding;
                keyIsReal[row * capacity + column] = true;
            }
            nextPositions[row] = prefix.Length;
        }

        var device = tokenEmbedding.weight!.device;
        var prefixTokens = tensor(tokenIds, device: device).view(batch, longest);
        var prefixPositions = tensor(positions, device: device).view(batch, longest);
        var columns = ColumnsOf(prefixTokens, NoColumnYet(prefixTokens));
        cache.Start(
            tensor(keyIsReal, device: device).view(batch, capacity),
            tensor(nextPositions, device: device),
            columns.narrow(1, longest - 1, 1));
        var rowsPerChunk = Math.Max(1, chunkTokens / longest);
        var lastHidden = new List<Tensor>();
        for (var first = 0; first < batch; first += rowsPerChunk)
        {
            var count = Math.Min(rowsPerChunk, batch - first);
            // Each chunk is padded only to its own longest prefix: its columns end where the batch's do.
            var time = prefixes.Skip(first).Take(count).Max(prefix => prefix.Length);
            lastHidden.Add(PrefillRows(
                prefixTokens.narrow(0, first, count).narrow(1, longest - time, time),
                prefixPositions.narrow(0, first, count).narrow(1, longest - time, time),
                columns.narrow(0, first, count).narrow(1, longest - time, time),
                cache.RealKeys(longest).narrow(0, first, count).narrow(3, longest - time, time),
                cache.PrefixRows(first, count, longest)));
        }
        cache.PrefixWritten(longest);
        return Logits(cat(lastHidden, 0));
    }

    /// <summary>
    /// Reads the left-padded prefixes of a chunk of rows (<paramref name="tokens"/> [rows, time]) into the cache and
    /// returns the final hidden state [rows, width] after each; <paramref name="realKeys"/> is [rows, 1, 1, time].
    /// </summary>
    private Tensor PrefillRows(Tensor tokens, Tensor positions, Tensor columns, Tensor realKeys, IAttentionCache cache)
    {
        using var scope = NewDisposeScope();
        var time = tokens.shape[1];
        // A real query sees the real keys at or before it; a padding query sees only itself, which keeps its
        // softmax defined (its output is never read).
        var causal = ones(time, time, dtype: ScalarType.Bool, device: tokens.device).tril();
        var mask = causal.logical_and(realKeys).logical_or(eye(time, dtype: ScalarType.Bool, device: tokens.device));
        var hidden = Embed(tokens, positions, columns);
        for (var layer = 0; layer < blocks.Count; layer++)
        {
            // The last layer's outputs are only needed at the last position; every position's keys and values are.
            hidden = blocks[layer].Forward(hidden, mask, cache, layer, lastPositionOnly: layer == blocks.Count - 1, outputRows: null);
        }
        return hidden.squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Feeds one token per row (<paramref name="tokens"/>: int64 [batch]) after what the cache holds and returns
    /// the next-token logits [batch, vocabulary]. The prefix is not recomputed: only the new position is. With
    /// <paramref name="predictedRows"/> (int64 [rows], indices into the batch) only those rows' logits are
    /// returned, [rows, vocabulary]: every row's keys and values are still stored, but the last layer's work after
    /// its attention, the final norm and the output projection are spent only on rows whose next token is to be
    /// chosen (under a grammar, more than half of them are forced).
    /// </summary>
    public Tensor DecodeStep(KeyValueCache cache, Tensor tokens, Tensor? predictedRows = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(tokens);
        EnsureEvaluationMode();
        using var noGrad = no_grad();
        var mask = cache.OpenNextColumn();
        var step = tokens.view(cache.BatchSize, 1);
        var columns = ColumnsOf(step, cache.CurrentColumns);
        cache.CurrentColumns = columns;
        var hidden = Embed(step, cache.NextPositions, columns);
        for (var layer = 0; layer < blocks.Count; layer++)
        {
            hidden = blocks[layer].Forward(hidden, mask, cache, layer, lastPositionOnly: false, outputRows: layer == blocks.Count - 1 ? predictedRows : null);
        }
        cache.StepWritten();
        return Logits(hidden.squeeze(1));
    }

    private Tensor Embed(Tensor tokens, Tensor positions, Tensor columns) =>
        embeddingDropout.call(tokenEmbedding.call(tokens).Plus(positionEmbedding.call(positions)).Plus(columnEmbedding.call(columns)));

    /// <summary>For each token id, 1 + the column it names, or 0 when it names none; null for plain text.</summary>
    private static long[]? ColumnRowOfToken(GptConfig config)
    {
        if (config.ColumnNames is not { } names)
        {
            return null;
        }
        var rows = new long[config.VocabularySize];
        for (var column = 0; column < names.Count; column++)
        {
            rows[names.First + column] = column + 1;
        }
        return rows;
    }

    internal static Tensor NoColumnYet(Tensor tokens) => zeros(tokens.shape[0], 1, dtype: ScalarType.Int64, device: tokens.device);

    /// <summary>
    /// The column-embedding row of every token of <paramref name="tokens"/> [batch, time]: 1 + the column of the
    /// latest name token at or before it, or <paramref name="before"/> [batch, 1] (the row in force before the
    /// first token) where none has come yet.
    /// </summary>
    internal Tensor ColumnsOf(Tensor tokens, Tensor before)
    {
        if (columnRowOfToken is null)
        {
            return zeros_like(tokens);
        }
        // Built from tensors and kept scalars only (see KeptScalars).
        var rowAtName = tensor(columnRowOfToken, device: tokens.device).index_select(0, tokens.flatten()).view_as(tokens);
        // Index, counted from 1, of the latest name token so far; 0 selects the row in force before.
        var steps = KeptScalars.Range(1, tokens.shape[1] + 1, tokens.device).expand_as(tokens);
        var latestName = steps.mul(rowAtName.sign()).cummax(1).values;
        return cat([before, rowAtName], 1).gather(1, latestName);
    }

    private Tensor Logits(Tensor hidden) => matmuls.Linear(finalNorm.call(hidden), tokenEmbedding.weight!, bias: null, training);

    private void EnsureEvaluationMode()
    {
        if (training)
        {
            throw new InvalidOperationException("Incremental decoding needs the model in evaluation mode (call eval()), or dropout would make it random.");
        }
    }

    /// <summary>
    /// GPT-2's initialisation: weights from N(0, 0.02), biases zero, and the projections that write into the
    /// residual stream scaled down by sqrt(2 x layers) so the stream's variance does not grow with depth.
    /// </summary>
    private void InitialiseWeights(long seed)
    {
        using var noGrad = no_grad();
        // Tensor.normal_ is used rather than nn.init.normal_, which ignores the generator it is given.
        using var generator = new Generator().manual_seed(seed);
        foreach (var module in modules())
        {
            switch (module)
            {
                case Linear linear:
                    linear.weight!.normal_(0, InitialStandardDeviation, generator);
                    linear.bias!.zero_();
                    break;
                case Embedding embedding:
                    embedding.weight!.normal_(0, InitialStandardDeviation, generator);
                    break;
            }
        }
        var residualStandardDeviation = InitialStandardDeviation / Math.Sqrt(2.0 * Config.Layers);
        foreach (var projection in blocks.SelectMany(block => block.ResidualProjections))
        {
            projection.weight!.normal_(0, residualStandardDeviation, generator);
        }
    }
}
