using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Tables;

using PredLlm.Synth.Tests.Tables;

namespace PredLlm.Synth.Tests.Privacy;

public class IdentifierTreatmentTests
{
    [Fact]
    public void Surrogates_keep_real_identifiers_from_the_model_and_put_fresh_ones_in_the_output()
    {
        var table = Customers(400);
        var treatment = IdentifierTreatment.Prepare(table, ["id", "email"], IdentifierHandling.Surrogate);
        var synthetic = treatment.ModelTable.TakeRows([.. Enumerable.Range(0, 300)]);

        var restored = treatment.Restore(synthetic, seed: 4);

        Assert.Equal(["age", "city"], treatment.ModelTable.Columns.Select(column => column.Name));
        Assert.Equal(table.Definitions, restored.Definitions);
        foreach (var name in new[] { "id", "email" })
        {
            var real = Values(table[name]).OfType<string>().ToHashSet();
            var fresh = Values(restored[name]).OfType<string>().ToArray();
            Assert.InRange(fresh.Length, name == "id" ? 300 : 240, 300);
            Assert.DoesNotContain(fresh, real.Contains);
            Assert.Equal(fresh.Length, fresh.Distinct().Count());
        }

        Assert.Equal(Values(restored["id"]), Values(treatment.Restore(synthetic, seed: 4)["id"]));
    }

    [Fact]
    public void Dropped_identifiers_stay_out_of_model_and_output()
    {
        var table = Customers(50);
        var treatment = IdentifierTreatment.Prepare(table, ["id"], IdentifierHandling.Drop);

        var restored = treatment.Restore(treatment.ModelTable, seed: 1);

        Assert.False(restored.TryGetColumn("id", out _));
        Assert.True(restored.TryGetColumn("email", out _));
    }

    [Fact]
    public void A_policy_that_refuses_identifiers_refuses_the_table_naming_the_columns()
    {
        var error = Assert.Throws<BadInputException>(() => IdentifierTreatment.Prepare(Customers(10), ["email"], IdentifierHandling.Refuse));

        Assert.Contains("'email'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrogates_need_an_integer_or_text_column()
    {
        var joined = Column.Create(new ColumnDefinition("joined", ColumnStorage.Date, false), [.. Enumerable.Range(0, 10).Select(day => DateOnly.FromDayNumber(730_000 + day))]);
        var table = new Table([joined, Customers(10)["age"]]);

        Assert.Throws<BadInputException>(() => IdentifierTreatment.Prepare(table, ["joined"], IdentifierHandling.Surrogate));
    }

    [BenchmarkTablesFact]
    public void The_gate_passes_surrogates_and_rejects_a_replayed_real_identifier()
    {
        var scenario = GateScenario.Of("churn");
        var treatment = IdentifierTreatment.Prepare(scenario.Train, ["phone_number"], IdentifierHandling.Surrogate);
        var fresh = treatment.Restore(scenario.Fresh.SelectColumns(treatment.ModelTable.Columns.Select(column => column.Name)), seed: 2);
        var replayedIds = new Table(fresh.Columns.Select(column => column.Name == "phone_number"
            ? scenario.Train["phone_number"].TakeRows([.. Enumerable.Range(0, fresh.RowCount)])
            : column));

        var clean = Gate(scenario, fresh);
        var leaking = Gate(scenario, replayedIds);

        Assert.Equal(TestOutcome.Pass, clean.Tests.Single(test => test.Id == PrivacyTestId.P7).Outcome);
        Assert.Equal(GateVerdict.Reject, leaking.Verdict);
        Assert.Contains("Identifier column 'phone_number'", leaking.Tests.Single(test => test.Id == PrivacyTestId.P7).Reason, StringComparison.Ordinal);
    }

    private static GateAttempt Gate(GateScenario scenario, Table synthetic) =>
        ReleaseGate.Evaluate(new GateInputs(scenario.Train, scenario.Holdout, synthetic) { IdentifierColumns = ["phone_number"], Seed = 1 }, PolicyLoader.Default);

    private static IEnumerable<string?> Values(Column column) => Enumerable.Range(0, column.Count).Select(column.Format);

    private static Table Customers(int rows)
    {
        var random = new Random(rows);
        return new Table(
        [
            Column.Create(new ColumnDefinition("id", ColumnStorage.Int32, false), [.. Enumerable.Range(0, rows).Select(row => 1000L + row)]),
            Column.Create(new ColumnDefinition("age", ColumnStorage.Int64, false), [.. Enumerable.Range(0, rows).Select(_ => (long)random.Next(18, 90))]),
            Column.Create(new ColumnDefinition("email", ColumnStorage.String, true), [.. Enumerable.Range(0, rows).Select(row => $"person{row}@example.org")],
                [.. Enumerable.Range(0, rows).Select(row => row % 10 == 0)]),
            Column.Create(new ColumnDefinition("city", ColumnStorage.String, false), [.. Enumerable.Range(0, rows).Select(_ => random.Next(3) == 0 ? "Lyon" : "Oslo")]),
        ]);
    }
}
