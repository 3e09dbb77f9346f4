using PredLlm.Synth.Policies;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Quality;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Quality;

public class QualityFloorsTests
{
    [Fact]
    public void A_faithful_table_meets_the_default_floors_and_an_invented_category_fails_adherence()
    {
        var train = Correlated(400, seed: 1);
        var holdout = Correlated(300, seed: 2);
        var fresh = Correlated(400, seed: 3);
        var invented = new Table([fresh[0], fresh[1], Texts("group", Repeat(400, "low", "high", "low", "high", "made-up"))]);
        var options = new QualityOptions(BootstrapReplicates: 10);

        var faithful = QualityFloors.Check(QualityEvaluator.Evaluate(train, holdout, fresh, options), PolicyLoader.Default.Quality);
        var inventing = QualityFloors.Check(QualityEvaluator.Evaluate(train, holdout, invented, options), PolicyLoader.Default.Quality);

        Assert.All(faithful, floor => Assert.True(floor.Met, $"{floor.Metric} = {floor.Value}"));
        var adherence = inventing.Single(floor => floor.Metric == "categoryAdherence");
        Assert.False(adherence.Met);
        Assert.Equal(0.8, adherence.Value, 9);
        Assert.Equal(FloorAction.Fail, adherence.Action);
    }
}
