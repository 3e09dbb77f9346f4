using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class DensityCoverageTests
{
    [Fact]
    public void A_fresh_sample_of_the_same_distribution_has_density_near_one_and_high_coverage()
    {
        var train = Correlated(800, seed: 1);
        var holdout = Correlated(800, seed: 2);
        var synthetic = Correlated(800, seed: 3);

        var result = DensityCoverage.Evaluate(Align(train, holdout, synthetic), Bootstrap());

        Assert.InRange(result.Density.Synthetic.Value, 0.8, 1.2);
        // With as many synthetic as real rows, expected coverage is 1 - 2^-5 ~ 0.97.
        Assert.InRange(result.Coverage.Synthetic.Value, 0.9, 1.0);
        Assert.InRange(result.Coverage.Reference.Value, 0.9, 1.0);
        Assert.Equal(5, result.NearestNeighbours);
        Assert.Equal(800, result.RowsPerSide);
    }

    [Fact]
    public void A_copy_of_train_covers_every_real_row()
    {
        var train = Correlated(300, seed: 1);

        var result = DensityCoverage.Evaluate(Align(train, Correlated(300, seed: 2), train), Bootstrap());

        Assert.Equal(1.0, result.Coverage.Synthetic.Value, 12);
    }

    [Fact]
    public void A_shifted_distribution_loses_density_and_coverage()
    {
        var train = Correlated(800, seed: 1);
        var shifted = Correlated(800, seed: 3, shift: 3.0);

        var result = DensityCoverage.Evaluate(Align(train, Correlated(800, seed: 2), shifted), Bootstrap());

        Assert.True(result.Density.Synthetic.Upper < 0.6, $"density {result.Density.Synthetic} coverage {result.Coverage.Synthetic}");
        Assert.True(result.Coverage.Synthetic.Upper < 0.5, $"coverage {result.Coverage.Synthetic}");
        Assert.True(result.Coverage.Reference.Lower > 0.85, $"reference coverage {result.Coverage.Reference}");
    }
}
