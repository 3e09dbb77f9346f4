using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// The keys and values every layer has computed for a batch of sequences being decoded, so each new token costs
/// one position of work instead of a pass over the whole prefix. Filled by <see cref="GptModel.Prefill(KeyValueCache, IReadOnlyList{int[]})"/>,
/// extended by <see cref="GptModel.DecodeStep"/>. The key and value buffers have room for a number of rows and
/// <see cref="Capacity"/> columns; they live outside any dispose scope until this cache is disposed, and a new
/// batch prefilled into the same cache reuses them.
/// </summary>
/// <remarks>
/// Prefixes of different lengths are left-padded to a common length; a mask of the real key columns keeps the
/// padding out of attention, and each row keeps its own next position so positions are counted from its own
/// first real token.
/// </remarks>
public sealed class KeyValueCache : IAttentionCache, IDisposable
{
    private readonly GptConfig config;
    private readonly Device device;
    private readonly Tensor[] keys;
    private readonly Tensor[] values;
    private Tensor keyIsReal;
    private Tensor nextPositions;
    private Tensor currentColumns;

    /// <summary>An empty cache with buffers for <paramref name="rows"/> sequences of <paramref name="capacity"/> positions.</summary>
    internal KeyValueCache(GptConfig config, Device device, int rows, int capacity)
    {
        NativeHeap.KeepFreedMemoryForReuse();
        this.config = config;
        this.device = device;
        Capacity = capacity;
        keys = new Tensor[config.Layers];
        values = new Tensor[config.Layers];
        AllocateBuffers(rows);
        keyIsReal = empty(0, capacity, dtype: ScalarType.Bool, device: device).DetachFromDisposeScope();
        nextPositions = empty(0, dtype: ScalarType.Int64, device: device).DetachFromDisposeScope();
        currentColumns = empty(0, 1, dtype: ScalarType.Int64, device: device).DetachFromDisposeScope();
    }

    /// <summary>Number of sequences decoded together.</summary>
    public int BatchSize => (int)keyIsReal.shape[0];

    /// <summary>Positions each row has room for, the prefix's left padding included.</summary>
    public int Capacity { get; }

    /// <summary>Columns filled so far (the padded prefix length plus the decoded steps).</summary>
    public int Length { get; private set; }

    /// <summary>
    /// Keeps only the given rows (indices into the current batch, in the order given), for example to drop
    /// sequences that have finished. Later steps take one token per kept row.
    /// </summary>
    public void SelectRows(IReadOnlyList<long> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var scope = NewDisposeScope();
        var index = tensor(rows.ToArray(), device: device);
        foreach (var buffer in keys.Concat(values))
        {
            // The kept rows' filled columns move to the first rows of the same buffer, which stays allocated.
            Filled(buffer, rows.Count).copy_(Filled(buffer, BatchSize).index_select(0, index));
        }
        keyIsReal = Replace(keyIsReal, keyIsReal.index_select(0, index));
        nextPositions = Replace(nextPositions, nextPositions.index_select(0, index));
        currentColumns = Replace(currentColumns, currentColumns.index_select(0, index));
    }

    /// <summary>Writes one layer's new keys and values [batch, heads, time, headSize] after the filled columns and returns all filled ones.</summary>
    (Tensor Keys, Tensor Values) IAttentionCache.Append(int layer, Tensor newKeys, Tensor newValues)
    {
        var time = newKeys.shape[2];
        var batchKeys = keys[layer].narrow(0, 0, BatchSize);
        var batchValues = values[layer].narrow(0, 0, BatchSize);
        batchKeys.narrow(2, Length, time).copy_(newKeys);
        batchValues.narrow(2, Length, time).copy_(newValues);
        return (batchKeys.narrow(2, 0, Length + time), batchValues.narrow(2, 0, Length + time));
    }

    /// <summary>
    /// Starts a new batch: <paramref name="keyIsReal"/> [batch, <see cref="Capacity"/>] marks its real prefix
    /// columns, <paramref name="nextPositions"/> [batch] and <paramref name="currentColumns"/> [batch, 1] are each
    /// row's next position and column. What the cache held before is forgotten; its buffers grow if the batch
    /// has more rows than they hold.
    /// </summary>
    internal void Start(Tensor keyIsReal, Tensor nextPositions, Tensor currentColumns)
    {
        var batch = (int)keyIsReal.shape[0];
        if (batch > keys[0].shape[0])
        {
            DisposeBuffers();
            AllocateBuffers(batch);
        }
        this.keyIsReal = Replace(this.keyIsReal, keyIsReal);
        this.nextPositions = Replace(this.nextPositions, nextPositions);
        this.currentColumns = Replace(this.currentColumns, currentColumns);
        Length = 0;
    }

    /// <summary>
    /// Where the prefix of rows <paramref name="firstRow"/> .. + <paramref name="count"/> is written, its
    /// <c>time</c> columns ending at <paramref name="prefixLength"/> (the padded prefix length): the prefill reads
    /// a batch in chunks of rows, each padded only to its own longest prefix.
    /// </summary>
    internal IAttentionCache PrefixRows(int firstRow, int count, int prefixLength) => new PrefixRowsWriter(this, firstRow, count, prefixLength);

    /// <summary>Marks the next column real and returns the attention mask [batch, 1, 1, keys] for one new token per row.</summary>
    internal Tensor OpenNextColumn()
    {
        if (Length >= Capacity)
        {
            throw new InvalidOperationException($"The cache holds {Capacity} positions and all are used; ask for more new tokens when prefilling.");
        }
        keyIsReal.narrow(1, Length, 1).fill_(KeptScalars.True);
        return keyIsReal.narrow(1, 0, Length + 1).view(BatchSize, 1, 1, Length + 1);
    }

    /// <summary>The attention mask of the first <paramref name="time"/> columns as keys: [batch, 1, 1, time].</summary>
    internal Tensor RealKeys(int time) => keyIsReal.narrow(1, 0, time).view(BatchSize, 1, 1, time);

    /// <summary>The position each row's next token takes, as [batch, 1].</summary>
    internal Tensor NextPositions => nextPositions.view(BatchSize, 1);

    /// <summary>The column-embedding row each row's latest token is in, as [batch, 1].</summary>
    internal Tensor CurrentColumns
    {
        get => currentColumns;
        set => currentColumns = Replace(currentColumns, value);
    }

    /// <summary>Records that every layer has written the padded prefix.</summary>
    internal void PrefixWritten(int time) => Length = time;

    /// <summary>Records that every layer has written one more token per row.</summary>
    internal void StepWritten()
    {
        Length++;
        nextPositions.add_(KeptScalars.One, KeptScalars.One);
    }

    public void Dispose()
    {
        DisposeBuffers();
        keyIsReal.Dispose();
        nextPositions.Dispose();
        currentColumns.Dispose();
    }

    private void AllocateBuffers(int rows)
    {
        for (var layer = 0; layer < config.Layers; layer++)
        {
            // Left uninitialised: zeroing ~120 MB for a batch of 256 cost more than its prefill (fresh pages fault
            // in one by one). No column is read before it is written: the prefill writes or zeroes every prefix
            // column, each step writes the next column of every row.
            keys[layer] = empty(rows, config.Heads, Capacity, config.HeadSize, device: device).DetachFromDisposeScope();
            values[layer] = empty(rows, config.Heads, Capacity, config.HeadSize, device: device).DetachFromDisposeScope();
        }
    }

    private void DisposeBuffers()
    {
        foreach (var buffer in keys.Concat(values))
        {
            buffer.Dispose();
        }
    }

    /// <summary>The filled columns of the first <paramref name="rows"/> rows of a key or value buffer.</summary>
    private Tensor Filled(Tensor buffer, int rows) => buffer.narrow(0, 0, rows).narrow(2, 0, Length);

    /// <summary>Writes a chunk's prefix into the cache; the chunk attends over its own keys, which are all it has.</summary>
    private sealed class PrefixRowsWriter(KeyValueCache cache, int firstRow, int count, int prefixLength) : IAttentionCache
    {
        public (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
        {
            var time = newKeys.shape[2];
            var keys = cache.keys[layer].narrow(0, firstRow, count);
            var values = cache.values[layer].narrow(0, firstRow, count);
            keys.narrow(2, prefixLength - time, time).copy_(newKeys);
            values.narrow(2, prefixLength - time, time).copy_(newValues);
            // Columns before this chunk's longest prefix are padding, masked out of attention; they are zeroed
            // because a masked key still meets a zero weight, and garbage could be NaN (0 x NaN = NaN).
            keys.narrow(2, 0, prefixLength - time).zero_();
            values.narrow(2, 0, prefixLength - time).zero_();
            return (newKeys, newValues);
        }
    }

    private static Tensor Replace(Tensor old, Tensor replacement)
    {
        old.Dispose();
        return replacement.DetachFromDisposeScope();
    }
}
