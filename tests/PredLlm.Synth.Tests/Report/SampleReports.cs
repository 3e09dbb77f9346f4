using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;
using PredLlm.Synth.Report;
using PredLlm.Synth.Tables;
using static PredLlm.Synth.Tests.Quality.QualityTestTables;

namespace PredLlm.Synth.Tests.Report;

/// <summary>
/// A report over small tables built to trip the report's hygiene: a column named like a script, HTML
/// in category labels, a rare category held by two people, an extreme income. Built once (the quality
/// evaluation takes seconds) and shared by the report tests.
/// </summary>
internal static class SampleReports
{
    public const string ScriptColumn = "<script>alert(1)</script>";
    public const string RarePerson = "Rare Person Smith";
    public const double ExtremeIncome = 987654321.5;

    private static readonly Lazy<EvaluationReport> Shared = new(() => Build(GateVerdict.Pass));

    public static EvaluationReport Passing => Shared.Value;

    public static EvaluationReport Build(GateVerdict verdict)
    {
        var train = Hostile(400, seed: 1);
        var holdout = Hostile(200, seed: 2);
        var synthetic = Hostile(400, seed: 3);
        var timings = new StageTimings();
        var quality = QualityEvaluator.Evaluate(train, holdout, synthetic, new QualityOptions(BootstrapReplicates: 30, Seed: 5), timings);
        var floors = QualityFloors.Check(quality, PolicyLoader.Default.Quality);
        var gate = Gate(verdict);
        return new EvaluationReport(
            "customers & <co>",
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ReleaseVerdict.Of(gate, floors),
            gate,
            quality,
            floors,
            PolicyLoader.Default,
            [new InputFingerprint("train", "train<1>.csv", new string('a', 64), 1234, train.RowCount, train.ColumnCount)],
            [new ReportSeed("quality", 5), new ReportSeed("privacy", 5)],
            new Provenance("Made elsewhere; evaluated by predllm evaluate.", [new ProvenanceItem("synthetic file", "synthetic<b>.csv")]),
            timings.Stages);
    }

    public static GateDecision Gate(GateVerdict verdict)
    {
        var outcome = verdict == GateVerdict.Pass ? TestOutcome.Pass : verdict == GateVerdict.Reject ? TestOutcome.Fail : TestOutcome.Blocked;
        PrivacyTestResult[] tests =
        [
            new(PrivacyTestId.P0, "Preconditions", TestOutcome.Pass, "Every precondition holds.", []),
            new(PrivacyTestId.P2, "Distance to closest record", outcome, "The closer-to-train share <is> what it is.",
                [new PrivacyStatistic("closer-to-train share", 0.4912345, new ConfidenceInterval(0.4712, 0.5123, 0.99), 0.55)]),
            new(PrivacyTestId.P4, "White-box membership inference", TestOutcome.NotApplicable, "No model: the table was made elsewhere.", []),
        ];
        var reasons = verdict == GateVerdict.Pass ? ["Every privacy test passed."] : new[] { "P2 Distance to closest record: too close." };
        var attempt = new GateAttempt(null, verdict, reasons, tests, TimeSpan.FromSeconds(1.25));
        return new GateDecision(verdict, reasons, "default", [new PolicySetting("privacy.closestRecord.maxUpperBound", "0.55")], [attempt]);
    }

    /// <summary>x, y = 2x + noise (under the script-like name), an income with one extreme value, a group with HTML labels and one rare category.</summary>
    private static Table Hostile(int rows, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, rows).Select(_ => Gaussian(random)).ToArray();
        var y = x.Select(value => (2 * value) + (0.3 * Gaussian(random))).ToArray();
        var income = x.Select(value => Math.Round(30000 + (8000 * value), 2)).ToArray();
        income[0] = ExtremeIncome;
        var group = x.Select(value => value > 0 ? "<b>high</b>" : "a&b low").ToArray();
        group[1] = group[2] = RarePerson;
        return Table(Reals("x", x), Reals(ScriptColumn, y), Reals("income", income), Texts("group", group));
    }
}
