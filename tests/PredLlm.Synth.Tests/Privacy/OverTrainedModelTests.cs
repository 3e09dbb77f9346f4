using PredLlm.Synth.Generation;
using PredLlm.Synth.Job;
using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Tests.Tables;
using PredLlm.Synth.Training;
using Xunit.Abstractions;

namespace PredLlm.Synth.Tests.Privacy;

/// <summary>The gate against a real model that has memorised its train rows.</summary>
[Collection(TorchGlobalState.Name)]
public class OverTrainedModelTests(ITestOutputHelper output)
{
    [BenchmarkTablesFact]
    public void A_model_trained_far_too_long_on_a_small_table_is_rejected_by_p4_or_p5()
    {
        var split = GateScenario.Split(GateScenario.Read("blood_transfusion"), seed: 5, holdout: 0.5);
        var train = split.Train.TakeRows([.. Enumerable.Range(0, 150)]);
        var holdout = split.Holdout.TakeRows([.. Enumerable.Range(0, 150)]);
        // No validation rows, so nothing stops training early, and a high learning rate: the model memorises.
        using var model = TableModelTrainer.Train(train, train.TakeRows([]), "Class", new TableTrainingOptions
        {
            Training = new TrainingOptions { Seed = 3, Budget = new TrainingBudget(MaxEpochs: 80), BatchSize = 16, PeakLearningRate = 3e-3, WeightDecay = 0 },
        });
        var synthetic = new TableGenerator(model, train, new GenerationOptions()).Generate(150, seed: 4).Table;
        var smallTables = PolicyLoader.Parse("""{ "privacy": { "preconditions": { "minTrainRows": 50, "minHoldoutRows": 50, "minSyntheticRows": 50 } } }""", "small.json");

        var attempt = ReleaseGate.Evaluate(
            new GateInputs(train, holdout, synthetic) { Model = new TableModelLikelihood(model), ModelRequired = true, Target = "Class", Seed = 1 },
            smallTables);

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        var failed = attempt.Tests.Where(test => test.Outcome == TestOutcome.Fail).Select(test => test.Id).ToArray();
        Assert.True(failed.Contains(PrivacyTestId.P4) || failed.Contains(PrivacyTestId.P5), $"Failed tests: {string.Join(", ", failed)}.");
        var auc = attempt.Tests.Single(test => test.Id == PrivacyTestId.P4).Headline!.Value;
        output.WriteLine($"P4 AUC {auc:F3}; failed: {string.Join(", ", failed)}.");
        Assert.True(auc > 0.7, $"P4 AUC {auc:F3}.");
    }
}
