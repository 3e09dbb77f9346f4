namespace PredLlm.Synth.Privacy.Distance;

/// <summary>
/// The k nearest reference rows of each query row, nearest first: Gower distances in [0, 1] and the
/// reference row indices. Ties keep the lower reference index first. Rows of a reference smaller than
/// k leave the remaining places at distance +infinity and index -1.
/// </summary>
internal sealed class Neighbours
{
    private readonly float[] _distances;
    private readonly int[] _indices;

    public Neighbours(int queries, int k, float[] distances, int[] indices)
    {
        QueryCount = queries;
        K = k;
        _distances = distances;
        _indices = indices;
    }

    public int QueryCount { get; }

    public int K { get; }

    /// <summary>Distance from query row <paramref name="query"/> to its (rank+1)-th nearest reference row.</summary>
    public float Distance(int query, int rank = 0) => _distances[(query * K) + rank];

    public int Index(int query, int rank = 0) => _indices[(query * K) + rank];

    /// <summary>Distance to the nearest reference row, for every query row.</summary>
    public double[] Nearest()
    {
        var nearest = new double[QueryCount];
        for (var q = 0; q < QueryCount; q++)
        {
            nearest[q] = Distance(q);
        }

        return nearest;
    }
}
