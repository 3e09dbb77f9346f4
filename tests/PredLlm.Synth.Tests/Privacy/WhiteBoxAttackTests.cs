using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Tables;

using PredLlm.Synth.Tests.Tables;

namespace PredLlm.Synth.Tests.Privacy;

/// <summary>P4 through the gate, with stand-in models whose likelihoods do or do not favour train rows.</summary>
public class WhiteBoxAttackTests
{
    [BenchmarkTablesFact]
    public void A_model_that_favours_its_train_rows_is_rejected_by_p4()
    {
        var scenario = GateScenario.Of("abalone");
        var model = new StandInModel(scenario.Train, trainAdvantage: 1.5);

        var attempt = Evaluate(scenario, model);

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        Assert.Equal(TestOutcome.Fail, Outcome(attempt));
        Assert.True(attempt.Tests.Single(test => test.Id == PrivacyTestId.P4).Headline!.Value > 0.6);
    }

    [BenchmarkTablesFact]
    public void A_model_that_scores_train_and_unseen_rows_alike_passes_p4()
    {
        var scenario = GateScenario.Of("abalone");
        var model = new StandInModel(scenario.Train, trainAdvantage: 0);

        var attempt = Evaluate(scenario, model);

        Assert.Equal(TestOutcome.Pass, Outcome(attempt));
        Assert.Equal(GateVerdict.Pass, attempt.Verdict);
    }

    [BenchmarkTablesFact]
    public void A_table_from_our_own_model_without_its_likelihood_is_blocked()
    {
        var scenario = GateScenario.Of("abalone");

        var attempt = ReleaseGate.Evaluate(new GateInputs(scenario.Train, scenario.Holdout, scenario.Holdout) { ModelRequired = true }, PolicyLoader.Default);

        Assert.Equal(GateVerdict.Blocked, attempt.Verdict);
        Assert.Equal(TestOutcome.Blocked, Outcome(attempt));
    }

    [BenchmarkTablesFact]
    public void The_strict_policy_blocks_a_table_made_elsewhere_for_want_of_a_model()
    {
        var scenario = GateScenario.Of("abalone");

        var attempt = ReleaseGate.Evaluate(new GateInputs(scenario.Train, scenario.Holdout, scenario.Holdout), PolicyLoader.Load("strict"));

        Assert.Equal(TestOutcome.Blocked, Outcome(attempt));
    }

    [BenchmarkTablesFact]
    public void A_model_that_fails_blocks_the_release_without_its_message_reaching_the_report()
    {
        var scenario = GateScenario.Of("abalone");

        var attempt = Evaluate(scenario, new BrokenModel());

        Assert.Equal(GateVerdict.Blocked, attempt.Verdict);
        var p4 = attempt.Tests.Single(test => test.Id == PrivacyTestId.P4);
        Assert.Contains("InvalidOperationException", p4.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-row-value", p4.Reason, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Blocked, attempt.Tests[0].Outcome);
    }

    private static GateAttempt Evaluate(GateScenario scenario, IRowLikelihood model) =>
        ReleaseGate.Evaluate(new GateInputs(scenario.Train, scenario.Holdout, scenario.Holdout) { Model = model, ModelRequired = true, Seed = 1 }, PolicyLoader.Default);

    private static TestOutcome Outcome(GateAttempt attempt) => attempt.Tests.Single(test => test.Id == PrivacyTestId.P4).Outcome;

    /// <summary>Likelihoods that vary from row to row, lower by <c>trainAdvantage</c> nats for rows it was "trained" on.</summary>
    private sealed class StandInModel(Table train, double trainAdvantage) : IRowLikelihood
    {
        private readonly HashSet<string> _trainRows = [.. Rows(train)];

        public IReadOnlyList<double> NegativeLogLikelihoods(Table rows, CancellationToken cancellationToken) =>
            [.. Rows(rows).Select(row => 20 + (Jitter(row) * 2) - (_trainRows.Contains(row) ? trainAdvantage : 0))];

        private static IEnumerable<string> Rows(Table table) =>
            Enumerable.Range(0, table.RowCount).Select(row => string.Join('|', table.Columns.Select(column => column.Format(row))));

        // A fixed pseudo-random number in [0, 1) per row text (FNV-1a): row-to-row spread unrelated to membership.
        private static double Jitter(string row)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in row)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return (hash >> 11) / (double)(1UL << 53);
        }
    }

    private sealed class BrokenModel : IRowLikelihood
    {
        public IReadOnlyList<double> NegativeLogLikelihoods(Table rows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("could not score secret-row-value");
    }
}
