using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Tests.Quality;

public class RocAucTests
{
    [Fact]
    public void Auc_is_the_share_of_positive_negative_pairs_ranked_right()
    {
        // Pairs (positive, negative): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, *) right: 3 of 4.
        var auc = new RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);

        Assert.Equal(0.75, auc.Compute(), 12);
    }

    [Fact]
    public void Ties_count_half_and_weights_repeat_rows()
    {
        Assert.Equal(0.5, new RocAuc([0.5, 0.5], [false, true]).Compute(), 12);

        var auc = new RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]);
        // Dropping the 0.4 negative leaves only right pairs; doubling it makes 2 wrong pairs out of 6.
        Assert.Equal(1.0, auc.Compute([1, 0, 1, 1]), 12);
        Assert.Equal(4.0 / 6, auc.Compute([1, 2, 1, 1]), 12);
        Assert.True(double.IsNaN(auc.Compute([1, 1, 0, 0])));
    }
}
