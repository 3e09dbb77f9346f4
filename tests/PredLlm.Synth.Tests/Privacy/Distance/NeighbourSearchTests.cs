using PredLlm.Synth.Privacy.Distance;
using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Tests.Privacy.Distance;

public class NeighbourSearchTests
{
    [Fact]
    public void Finds_the_same_neighbours_as_a_brute_force_scan()
    {
        var random = new Random(7);
        var reference = RandomRows(random, 5000, 6);
        var queries = RandomRows(random, 37, 6);

        var found = NeighbourSearch.Find(queries, reference, k: 3);

        for (var q = 0; q < queries.Count; q++)
        {
            var expected = Enumerable.Range(0, reference.Count)
                .Select(r => (Distance: BruteDistance(queries, q, reference, r), Row: r))
                .OrderBy(pair => pair.Distance).ThenBy(pair => pair.Row)
                .Take(3).ToArray();
            for (var rank = 0; rank < 3; rank++)
            {
                Assert.Equal(expected[rank].Distance, found.Distance(q, rank), 5);
            }

            Assert.Equal(expected[0].Row, found.Index(q));
        }
    }

    [Fact]
    public void An_excluded_row_is_never_its_own_neighbour_and_a_copy_is_at_distance_zero()
    {
        var random = new Random(3);
        var reference = RandomRows(random, 300, 4);
        var queries = reference.Take([10, 20, 299]);

        var withSelf = NeighbourSearch.Find(queries, reference, k: 1);
        var withoutSelf = NeighbourSearch.Find(queries, reference, k: 1, excluded: [10, 20, 299]);

        Assert.Equal([0.0, 0.0, 0.0], withSelf.Nearest());
        Assert.Equal([10, 20, 299], new[] { withSelf.Index(0), withSelf.Index(1), withSelf.Index(2) });
        Assert.All(withoutSelf.Nearest(), distance => Assert.True(distance > 0));
    }

    [Fact]
    public void A_column_subset_ignores_the_other_columns()
    {
        var reference = new EncodedRows(2, 2);
        reference.Column(0)[0] = 0.1f;
        reference.Column(1)[0] = 0.9f;
        reference.Column(0)[1] = 0.5f;
        reference.Column(1)[1] = 0.2f;
        var query = new EncodedRows(1, 2);
        query.Column(0)[0] = 0.1f;
        query.Column(1)[0] = 0.2f;

        Assert.Equal(0, NeighbourSearch.Find(query, reference, 1, columns: [0]).Index(0));
        Assert.Equal(1, NeighbourSearch.Find(query, reference, 1, columns: [1]).Index(0));
    }

    [Fact]
    public void Gower_distance_scales_numbers_by_their_cdf_and_counts_category_and_null_mismatches()
    {
        var numbers = Column.Create(new ColumnDefinition("n", ColumnStorage.Int64, true), [1L, 2L, 3L, 4L, 0L], [false, false, false, false, true]);
        var colours = Column.Create(new ColumnDefinition("c", ColumnStorage.String, true), ["red", "blue", "red", "green", ""], [false, false, false, false, true]);
        var table = new Table([numbers, colours]);
        var space = GowerSpace.Fit(["n", "c"], [true, false], table);
        var encoded = space.Encode(table);

        // Row 0 vs row 3: CDF 0.25 vs 1.0 -> 0.75; red vs green -> 1; mean 0.875.
        Assert.Equal(0.875, NeighbourSearch.Find(encoded.Take([0]), encoded.Take([3]), 1).Distance(0), 5);
        // Row 0 vs row 2: CDF 0.25 vs 0.75 -> 0.5; red vs red -> 0; mean 0.25.
        Assert.Equal(0.25, NeighbourSearch.Find(encoded.Take([0]), encoded.Take([2]), 1).Distance(0), 5);
        // Null row vs row 1: null vs value is 1 in both columns; null vs null is 0.
        Assert.Equal(1.0, NeighbourSearch.Find(encoded.Take([4]), encoded.Take([1]), 1).Distance(0), 5);
        Assert.Equal(0.0, NeighbourSearch.Find(encoded.Take([4]), encoded.Take([4]), 1).Distance(0), 5);
    }

    private static EncodedRows RandomRows(Random random, int count, int columns)
    {
        var rows = new EncodedRows(count, columns);
        for (var c = 0; c < columns; c++)
        {
            var column = rows.Column(c);
            for (var r = 0; r < count; r++)
            {
                // Half the columns categorical codes, half CDF positions.
                column[r] = c % 2 == 0 ? random.Next(5) : (float)random.NextDouble();
            }
        }

        return rows;
    }

    private static double BruteDistance(EncodedRows a, int i, EncodedRows b, int j)
    {
        var sum = 0f;
        for (var c = 0; c < a.ColumnCount; c++)
        {
            sum += Math.Min(Math.Abs(a[i, c] - b[j, c]), 1f);
        }

        return sum / a.ColumnCount;
    }
}
