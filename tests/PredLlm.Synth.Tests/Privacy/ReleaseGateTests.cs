using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Tables;

using PredLlm.Synth.Tests.Tables;

namespace PredLlm.Synth.Tests.Privacy;

/// <summary>The gate tested on real tables with planted leaks (PRIVACY-GATE.md: "A planted leak must fail").</summary>
public class ReleaseGateTests
{
    // Mixed, numeric-only and categorical-heavy tables; adult, the largest, has its own test below.
    public static TheoryData<string> Tables => ["bank", "abalone", "phoneme", "compas"];

    [BenchmarkTablesTheory]
    [MemberData(nameof(Tables))]
    public void The_train_split_passed_off_as_synthetic_is_rejected(string table)
    {
        var scenario = GateScenario.Of(table);

        var attempt = Evaluate(scenario.Train, scenario.Holdout, scenario.Train);

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        Assert.Equal(TestOutcome.Fail, Outcome(attempt, PrivacyTestId.P1));
    }

    [BenchmarkTablesTheory]
    [MemberData(nameof(Tables))]
    public void Unseen_rows_with_ten_percent_train_rows_mixed_in_are_rejected(string table)
    {
        var scenario = GateScenario.Of(table);

        var attempt = Evaluate(scenario.Train, scenario.Holdout, scenario.FreshWithTenPercentTrainRows());

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        Assert.Contains(attempt.Reasons, reason => reason.StartsWith("P1", StringComparison.Ordinal));
    }

    [BenchmarkTablesTheory]
    [MemberData(nameof(Tables))]
    public void The_holdout_passed_off_as_synthetic_passes(string table)
    {
        var scenario = GateScenario.Of(table);

        var attempt = Evaluate(scenario.Train, scenario.Holdout, scenario.Holdout);

        Assert.True(attempt.Verdict == GateVerdict.Pass, string.Join(Environment.NewLine, attempt.Reasons));
        Assert.Equal(TestOutcome.NotApplicable, Outcome(attempt, PrivacyTestId.P4));
    }

    [BenchmarkTablesFact]
    public void Real_rows_no_one_trained_on_pass_every_test()
    {
        var scenario = GateScenario.Of("adult");

        var attempt = Evaluate(scenario.Train, scenario.Holdout, scenario.Fresh);

        Assert.True(attempt.Verdict == GateVerdict.Pass, string.Join(Environment.NewLine, attempt.Reasons));
        Assert.All(attempt.Tests.Where(test => test.Id != PrivacyTestId.P4), test => Assert.Equal(TestOutcome.Pass, test.Outcome));
    }

    [BenchmarkTablesFact]
    public void Distance_tests_on_big_tables_compare_a_bounded_sample_and_still_catch_a_copy()
    {
        var scenario = GateScenario.Of("adult");
        var policy = PolicyLoader.Parse("""{ "privacy": { "maxComparedRows": 1000 } }""", "bounded.json");

        var attempt = Evaluate(scenario.Train, scenario.Holdout, scenario.Train, policy);

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        Assert.Equal(TestOutcome.Fail, Outcome(attempt, PrivacyTestId.P3));
        var rowsPerGroup = attempt.Tests.Single(test => test.Id == PrivacyTestId.P5).Statistics.Single(statistic => statistic.Name == "rows per group");
        Assert.Equal(1000, rowsPerGroup.Value);
    }

    [BenchmarkTablesFact]
    public void A_table_too_small_to_judge_is_blocked_not_passed()
    {
        var split = GateScenario.Split(GateScenario.Read("iris"), seed: 3);

        var attempt = Evaluate(split.Train, split.Holdout, split.Holdout);

        Assert.Equal(GateVerdict.Blocked, attempt.Verdict);
        Assert.Contains("holdout table has 30 rows", attempt.Tests[0].Reason, StringComparison.Ordinal);
        Assert.All(attempt.Tests.Skip(1), test => Assert.Equal(TestOutcome.Blocked, test.Outcome));
    }

    [BenchmarkTablesFact]
    public void A_tiny_table_that_copies_train_is_still_rejected()
    {
        var split = GateScenario.Split(GateScenario.Read("breast_cancer"), seed: 3);
        var policy = PolicyLoader.Parse("""{ "privacy": { "preconditions": { "minTrainRows": 50, "minHoldoutRows": 50, "minSyntheticRows": 50 } } }""", "small.json");

        var attempt = ReleaseGate.Evaluate(new GateInputs(split.Train, split.Holdout, split.Train) { Seed = 1 }, policy);

        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
    }

    [BenchmarkTablesFact]
    public void A_holdout_that_is_the_train_split_is_blocked_by_the_preconditions()
    {
        var scenario = GateScenario.Of("abalone");

        var attempt = Evaluate(scenario.Train, scenario.Train, scenario.Fresh);

        Assert.Equal(GateVerdict.Blocked, attempt.Verdict);
        Assert.Contains("does not look held out", attempt.Tests[0].Reason, StringComparison.Ordinal);
    }

    [BenchmarkTablesFact]
    public void A_synthetic_table_with_another_schema_is_blocked_naming_the_column()
    {
        var scenario = GateScenario.Of("abalone");
        var synthetic = scenario.Fresh.SelectColumns(scenario.Fresh.Columns.Skip(1).Select(column => column.Name));

        var attempt = Evaluate(scenario.Train, scenario.Holdout, synthetic);

        Assert.Equal(GateVerdict.Blocked, attempt.Verdict);
        Assert.Contains($"lacks column '{scenario.Train[0].Name}'", attempt.Reasons[0], StringComparison.Ordinal);
    }

    [BenchmarkTablesFact]
    public void The_same_inputs_and_seed_give_the_same_results()
    {
        var scenario = GateScenario.Of("abalone");

        var first = Evaluate(scenario.Train, scenario.Holdout, scenario.FreshWithTenPercentTrainRows());
        var second = Evaluate(scenario.Train, scenario.Holdout, scenario.FreshWithTenPercentTrainRows());

        Assert.Equal(first.Reasons, second.Reasons);
        Assert.Equal(
            first.Tests.SelectMany(test => test.Statistics).Select(statistic => statistic.Value),
            second.Tests.SelectMany(test => test.Statistics).Select(statistic => statistic.Value));
    }

    [Fact]
    public void Results_hold_aggregates_only_never_a_real_value_or_a_per_record_figure()
    {
        // Values no sentence of ours could contain by chance: random tokens and long-digit numbers.
        var random = new Random(21);
        var tokens = Enumerable.Range(0, 300).Select(_ => "tok" + random.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var rows = 3000;
        var table = new Table(
        [
            Column.Create(new ColumnDefinition("code", ColumnStorage.String, false), [.. Enumerable.Range(0, rows).Select(_ => tokens[random.Next(tokens.Length)])]),
            Column.Create(new ColumnDefinition("amount", ColumnStorage.Double, false), [.. Enumerable.Range(0, rows).Select(_ => Math.Round(random.NextDouble() * 1e6, 4))]),
            Column.Create(new ColumnDefinition("group", ColumnStorage.String, false), [.. Enumerable.Range(0, rows).Select(_ => tokens[random.Next(5)])]),
        ]);
        var train = table.TakeRows([.. Enumerable.Range(0, 1800)]);
        var holdout = table.TakeRows([.. Enumerable.Range(1800, 600)]);
        var synthetic = table.TakeRows([.. Enumerable.Range(2400, 540).Concat(Enumerable.Range(0, 60))]);

        var attempt = Evaluate(train, holdout, synthetic);

        var texts = attempt.Reasons
            .Concat(attempt.Tests.Select(test => test.Reason))
            .Concat(attempt.Tests.SelectMany(test => test.Statistics.Select(statistic => statistic.Name)))
            .ToArray();
        var values = table.Columns
            .SelectMany(column => Enumerable.Range(0, column.Count).Select(column.Format)).OfType<string>()
            .Where(value => value.Length >= 6).ToHashSet(StringComparer.Ordinal);
        var leaks = texts.SelectMany(text => values.Where(value => text.Contains(value, StringComparison.Ordinal))).ToArray();
        Assert.Equal(GateVerdict.Reject, attempt.Verdict);
        Assert.Empty(leaks);
        Assert.All(attempt.Tests, test => Assert.True(test.Statistics.Count < 30));
    }

    internal static GateAttempt Evaluate(Table train, Table holdout, Table synthetic, Policy? policy = null) =>
        ReleaseGate.Evaluate(new GateInputs(train, holdout, synthetic) { Seed = 1 }, policy ?? PolicyLoader.Default);

    internal static TestOutcome Outcome(GateAttempt attempt, PrivacyTestId id) => attempt.Tests.Single(test => test.Id == id).Outcome;
}
