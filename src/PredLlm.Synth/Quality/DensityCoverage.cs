namespace PredLlm.Synth.Quality;

/// <summary>
/// Density (how many real neighbourhoods a synthetic row falls in, relative to what real data gives:
/// about 1 when the synthetic rows follow the real distribution, below 1 when they stray, above when
/// they crowd dense regions) and coverage (share of real rows with a synthetic row in their
/// neighbourhood, at most 1), each beside the holdout's values as the reference.
/// </summary>
public sealed record DensityCoverageResult(ComparedScore Density, ComparedScore Coverage, int NearestNeighbours, int RowsPerSide);

/// <summary>
/// Density and coverage (Naeem et al., ICML 2020), the paper's precision/recall-style metrics. The
/// neighbourhood of a real row is the closed ball reaching its k-th nearest other real row (k = 5), in
/// the <see cref="MixedRowSpace"/> (Gower-style, numbers scaled by their spread). Closed balls count exact matches, which matter in discrete data.
/// Each side is a seeded sample of at most <see cref="MaxRowsPerSide"/> rows, the same size for
/// train, synthetic and holdout (coverage depends on how many rows try to cover). The intervals
/// resample the synthetic rows' neighbourhood counts (density) and the real rows' covered flags
/// (coverage) with the neighbourhoods held fixed.
/// </summary>
internal static class DensityCoverage
{
    public const int NearestNeighbours = 5;
    public const int MaxRowsPerSide = 5_000;
    private const int Stream = 8;

    public static DensityCoverageResult Evaluate(AlignedTables tables, Bootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var rows = Math.Min(MaxRowsPerSide, Math.Min(tables.TrainRows, Math.Min(tables.HoldoutRows, tables.SyntheticRows)));
        if (rows <= NearestNeighbours)
        {
            var none = Estimate.Exact(double.NaN);
            return new DensityCoverageResult(new ComparedScore(none, none), new ComparedScore(none, none), NearestNeighbours, rows);
        }

        var seed = Seeds.Derive(bootstrap.Seed, Stream);
        var trainRows = Seeds.Sample(tables.TrainRows, rows, Seeds.Random(seed, 0));
        var space = new MixedRowSpace(tables.Columns, trainRows);
        var real = space.Encode(column => column.Train, trainRows);
        var synthetic = space.Encode(column => column.Synthetic, Seeds.Sample(tables.SyntheticRows, rows, Seeds.Random(seed, 1)));
        var holdout = space.Encode(column => column.Holdout, Seeds.Sample(tables.HoldoutRows, rows, Seeds.Random(seed, 2)));

        var radii = NeighbourhoodRadii(real);
        var (syntheticInside, syntheticCovered) = Neighbourhoods(real, radii, synthetic);
        var (holdoutInside, holdoutCovered) = Neighbourhoods(real, radii, holdout);

        // Samples: real rows (coverage), synthetic rows and holdout rows (density).
        var outputs = bootstrap.Run([rows, rows, rows], 4, Stream, (weights, output) =>
        {
            output[0] = Density(syntheticInside, weights[1]);
            output[1] = Density(holdoutInside, weights[2]);
            output[2] = Coverage(syntheticCovered, weights[0]);
            output[3] = Coverage(holdoutCovered, weights[0]);
        });
        return new DensityCoverageResult(new ComparedScore(outputs[0], outputs[1]), new ComparedScore(outputs[2], outputs[3]), NearestNeighbours, rows);
    }

    /// <summary>Per real row, the (scaled, see <see cref="EncodedRows.ScaledDistance"/>) distance to its k-th nearest other real row.</summary>
    private static float[] NeighbourhoodRadii(EncodedRows real)
    {
        var radii = new float[real.Count];
        Parallel.For(0, real.Count, i =>
        {
            Span<float> nearest = stackalloc float[NearestNeighbours];
            nearest.Fill(float.PositiveInfinity);
            for (var j = 0; j < real.Count; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var distance = real.ScaledDistance(i, real, j, nearest[^1]);
                if (distance < nearest[^1])
                {
                    // Insert into the sorted k smallest.
                    var at = NearestNeighbours - 1;
                    while (at > 0 && nearest[at - 1] > distance)
                    {
                        nearest[at] = nearest[at - 1];
                        at--;
                    }

                    nearest[at] = distance;
                }
            }

            radii[i] = nearest[^1];
        });
        return radii;
    }

    /// <summary>Per other row, how many real neighbourhoods hold it; per real row, whether any other row falls in its neighbourhood.</summary>
    private static (int[] Inside, bool[] Covered) Neighbourhoods(EncodedRows real, float[] radii, EncodedRows other)
    {
        var inside = new int[other.Count];
        var covered = new bool[real.Count];
        var gate = new object();
        Parallel.For(0, other.Count, () => new bool[real.Count], (j, _, localCovered) =>
        {
            var count = 0;
            for (var i = 0; i < real.Count; i++)
            {
                if (real.ScaledDistance(i, other, j, radii[i]) <= radii[i])
                {
                    count++;
                    localCovered[i] = true;
                }
            }

            inside[j] = count;
            return localCovered;
        }, localCovered =>
        {
            lock (gate)
            {
                for (var i = 0; i < covered.Length; i++)
                {
                    covered[i] |= localCovered[i];
                }
            }
        });
        return (inside, covered);
    }

    private static double Density(int[] inside, int[] weights)
    {
        double sum = 0, total = 0;
        for (var j = 0; j < inside.Length; j++)
        {
            sum += weights[j] * inside[j];
            total += weights[j];
        }

        return sum / (NearestNeighbours * total);
    }

    private static double Coverage(bool[] covered, int[] weights)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < covered.Length; i++)
        {
            total += weights[i];
            if (covered[i])
            {
                sum += weights[i];
            }
        }

        return sum / total;
    }
}
