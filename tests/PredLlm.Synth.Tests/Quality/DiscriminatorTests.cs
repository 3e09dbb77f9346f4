using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class DiscriminatorTests
{
    [Fact]
    public void Rows_from_the_same_distribution_cannot_be_told_apart()
    {
        var result = Discriminator.Evaluate(Align(Correlated(500, seed: 1), Correlated(500, seed: 2), Correlated(500, seed: 3)), Bootstrap());

        Assert.InRange(result.SyntheticVsTrain.Value, 0.4, 0.6);
        Assert.InRange(result.HoldoutVsTrain.Value, 0.4, 0.6);
        Assert.Equal(500, result.RowsPerSide);
        Assert.Equal(5, result.Folds);
    }

    [Fact]
    public void A_shifted_or_decorrelated_table_is_told_apart()
    {
        var train = Correlated(500, seed: 1);
        var holdout = Correlated(500, seed: 2);

        var shifted = Discriminator.Evaluate(Align(train, holdout, Correlated(500, seed: 3, shift: 1.5)), Bootstrap());
        var shuffled = Discriminator.Evaluate(Align(train, holdout, ShuffledColumns(Correlated(500, seed: 3), seed: 4)), Bootstrap());

        Assert.True(shifted.SyntheticVsTrain.Lower > 0.85, $"shifted {shifted.SyntheticVsTrain}");
        Assert.True(shuffled.SyntheticVsTrain.Lower > 0.85, $"shuffled {shuffled.SyntheticVsTrain}");
        Assert.True(shifted.HoldoutVsTrain.Upper < 0.65);
    }
}
