using PredLlm.Synth.Job;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Training;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Job;

[Collection(TorchGlobalState.Name)]
public class TableModelLikelihoodTests
{
    private const int Rows = 80;

    [Fact]
    public void The_gate_s_rows_with_every_column_are_scored_through_the_model_s_one_hot_coding()
    {
        var table = Table(
            Integers("age", Enumerable.Range(0, Rows).Select(row => (long)(20 + (row % 40)))),
            Dummy("red", Rows, row => row % 3 == 0),
            Dummy("green", Rows, row => row % 3 == 1),
            Dummy("blue", Rows, row => row % 3 == 2),
            Texts("label", Repeat(Rows, "a", "b")));
        using var model = TableModelTrainer.Train(table, table, "label", new TableTrainingOptions
        {
            Training = new TrainingOptions { Seed = 1, Budget = new TrainingBudget(MaxEpochs: 1), BatchSize = 32 },
        });
        // The gate passes real rows with every column, the identifiers the model never saw included.
        var gateRows = new Table([.. table.Columns, Texts("customer", Enumerable.Range(0, Rows).Select(row => $"C{row:D4}"))]);

        var likelihoods = new TableModelLikelihood(model).NegativeLogLikelihoods(gateRows, CancellationToken.None);

        Assert.Equal(["age", "red|green|blue", "label"], model.Coding.Coded.Select(column => column.Name));
        Assert.Equal(Rows, likelihoods.Count);
        Assert.All(likelihoods, likelihood => Assert.True(double.IsFinite(likelihood) && likelihood > 0, $"{likelihood}"));
    }
}
