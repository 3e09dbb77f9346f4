namespace PredLlm.Synth.Quality;

/// <summary>
/// Independent, reproducible random streams from one user seed (SplitMix64 finaliser). HashCode is
/// randomised per process, so it cannot be used: the same seed must give the same report everywhere.
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ (uint)stream;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & int.MaxValue);
        }
    }

    public static Random Random(int seed, int stream) => new(Derive(seed, stream));

    /// <summary>A seeded random order of 0..count-1 (Fisher-Yates).</summary>
    public static int[] Permutation(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    /// <summary><paramref name="take"/> distinct rows of 0..count-1 drawn without replacement, in ascending order.</summary>
    public static int[] Sample(int count, int take, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, count);
        var rows = Permutation(count, random)[..take];
        Array.Sort(rows);
        return rows;
    }
}
