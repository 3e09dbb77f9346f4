namespace PredLlm.Synth.Training;

/// <summary>
/// Cuts sequences into batches of similar length, so little compute goes to padding, while keeping the batch
/// order random: shuffle, sort within pools of <see cref="BatchesPerPool"/> batches by length, cut, shuffle the
/// batches.
/// </summary>
internal static class LengthBucketing
{
    private const int BatchesPerPool = 50;

    public static List<int[][]> Batches(IReadOnlyList<int[]> sequences, int batchSize, Random random)
    {
        var shuffled = sequences.ToArray();
        random.Shuffle(shuffled);
        var batches = new List<int[][]>();
        foreach (var pool in shuffled.Chunk(batchSize * BatchesPerPool))
        {
            var byLength = pool.OrderBy(sequence => sequence.Length).ToArray();
            batches.AddRange(byLength.Chunk(batchSize));
        }
        var order = batches.ToArray();
        random.Shuffle(order);
        return [.. order];
    }
}
