using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// Exact k-nearest-neighbour search in the <see cref="GowerSpace"/>. Approximate search would hide
/// copies, so every query is compared with every reference row; speed comes from the layout instead.
/// The reference is scanned in blocks that stay in the CPU cache; four query rows share each load of a
/// reference vector, so the inner loop is four subtract/abs/min/add steps on 8 rows at a time, with the
/// running sums kept in registers. Memory is bounded by the k results per query: no distance matrix is
/// ever held. Each query is handled by one thread from start to end, so results do not depend on threading.
/// </summary>
internal static class NeighbourSearch
{
    private const int QueryTile = 4;
    private const int QueriesPerTask = 64;

    // 2048 rows x 16 columns x 4 bytes = 128 KiB: the block stays in L2 while 64 queries sweep it.
    private const int ReferenceBlockRows = 2048;

    /// <param name="queries">Rows whose neighbours are wanted.</param>
    /// <param name="reference">Rows searched.</param>
    /// <param name="k">Neighbours kept per query.</param>
    /// <param name="columns">Columns the distance is taken over (by position); null for all.</param>
    /// <param name="excluded">Per query, a reference row that must not count (the query itself when it is part of the reference), or -1.</param>
    /// <param name="cancellationToken">Checked between blocks of queries.</param>
    public static Neighbours Find(
        EncodedRows queries,
        EncodedRows reference,
        int k,
        int[]? columns = null,
        int[]? excluded = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (queries.ColumnCount != reference.ColumnCount)
        {
            throw new ArgumentException("Queries and reference must be encoded in the same space.", nameof(reference));
        }

        if (excluded is not null && excluded.Length != queries.Count)
        {
            throw new ArgumentException("One excluded index is needed per query.", nameof(excluded));
        }

        columns ??= [.. Enumerable.Range(0, queries.ColumnCount)];
        if (columns.Length == 0)
        {
            throw new ArgumentException("At least one column is needed.", nameof(columns));
        }

        var distances = new float[queries.Count * k];
        var indices = new int[queries.Count * k];
        Array.Fill(distances, float.PositiveInfinity);
        Array.Fill(indices, -1);

        var search = new Search(queries, reference, k, columns, excluded, distances, indices);
        var tasks = (queries.Count + QueriesPerTask - 1) / QueriesPerTask;
        Parallel.For(0, tasks, new ParallelOptions { CancellationToken = cancellationToken }, search.Run);

        // Sums over columns become means: distances in [0, 1].
        var scale = 1f / columns.Length;
        for (var i = 0; i < distances.Length; i++)
        {
            distances[i] *= scale;
        }

        return new Neighbours(queries.Count, k, distances, indices);
    }

    private sealed class Search(
        EncodedRows queries,
        EncodedRows reference,
        int k,
        int[] columns,
        int[]? excluded,
        float[] distances,
        int[] indices)
    {
        public void Run(int task)
        {
            var first = task * QueriesPerTask;
            var end = Math.Min(first + QueriesPerTask, queries.Count);
            var tile = new float[QueryTile * columns.Length];
            for (var blockStart = 0; blockStart < reference.Stride; blockStart += ReferenceBlockRows)
            {
                var blockEnd = Math.Min(blockStart + ReferenceBlockRows, reference.Stride);
                for (var q = first; q < end; q += QueryTile)
                {
                    var rows = Math.Min(QueryTile, end - q);
                    LoadTile(q, rows, tile);
                    ScanBlock(q, rows, tile, blockStart, blockEnd);
                }
            }
        }

        // The tile's query values, query-major; a short last tile repeats its first row (results discarded).
        private void LoadTile(int firstQuery, int rows, float[] tile)
        {
            for (var t = 0; t < QueryTile; t++)
            {
                var query = firstQuery + (t < rows ? t : 0);
                for (var c = 0; c < columns.Length; c++)
                {
                    tile[(t * columns.Length) + c] = queries[query, columns[c]];
                }
            }
        }

        private void ScanBlock(int firstQuery, int rows, float[] tile, int blockStart, int blockEnd)
        {
            ref var referenceValues = ref MemoryMarshal.GetArrayDataReference(reference.Values);
            ref var tileValues = ref MemoryMarshal.GetArrayDataReference(tile);
            var stride = reference.Stride;
            var columnCount = columns.Length;
            var one = Vector256.Create(1f);
            for (var r = blockStart; r < blockEnd; r += Vector256<float>.Count)
            {
                var sum0 = Vector256<float>.Zero;
                var sum1 = Vector256<float>.Zero;
                var sum2 = Vector256<float>.Zero;
                var sum3 = Vector256<float>.Zero;
                for (var c = 0; c < columnCount; c++)
                {
                    var values = Vector256.LoadUnsafe(ref referenceValues, (nuint)((columns[c] * stride) + r));
                    sum0 += Vector256.Min(Vector256.Abs(values - Vector256.Create(Unsafe.Add(ref tileValues, c))), one);
                    sum1 += Vector256.Min(Vector256.Abs(values - Vector256.Create(Unsafe.Add(ref tileValues, columnCount + c))), one);
                    sum2 += Vector256.Min(Vector256.Abs(values - Vector256.Create(Unsafe.Add(ref tileValues, (2 * columnCount) + c))), one);
                    sum3 += Vector256.Min(Vector256.Abs(values - Vector256.Create(Unsafe.Add(ref tileValues, (3 * columnCount) + c))), one);
                }

                Offer(firstQuery, sum0, r);
                if (rows > 1)
                {
                    Offer(firstQuery + 1, sum1, r);
                }

                if (rows > 2)
                {
                    Offer(firstQuery + 2, sum2, r);
                }

                if (rows > 3)
                {
                    Offer(firstQuery + 3, sum3, r);
                }
            }
        }

        // Inserts the lanes that beat the query's current k-th distance; almost always none do.
        private void Offer(int query, Vector256<float> sums, int firstRow)
        {
            var slot = query * k;
            var lanes = Vector256.LessThan(sums, Vector256.Create(distances[slot + k - 1])).ExtractMostSignificantBits();
            while (lanes != 0)
            {
                var lane = System.Numerics.BitOperations.TrailingZeroCount(lanes);
                lanes &= lanes - 1;
                var row = firstRow + lane;
                if (row < reference.Count && (excluded is null || excluded[query] != row))
                {
                    Insert(slot, sums.GetElement(lane), row);
                }
            }
        }

        private void Insert(int slot, float distance, int row)
        {
            var position = k - 1;
            if (!(distance < distances[slot + position]))
            {
                return;
            }

            // Shift farther neighbours down; equal distances stay ahead, so the lower index wins ties.
            while (position > 0 && distance < distances[slot + position - 1])
            {
                distances[slot + position] = distances[slot + position - 1];
                indices[slot + position] = indices[slot + position - 1];
                position--;
            }

            distances[slot + position] = distance;
            indices[slot + position] = row;
        }
    }
}
