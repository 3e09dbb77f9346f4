using System.Globalization;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;

namespace PredLlm.Synth.Report;

/// <summary>
/// The run's verdict: the privacy gate's, unless the gate passed and a quality floor whose policy
/// action is "fail" is not met, which rejects the table too. Floors set to "warn" never change the
/// verdict; they appear in <see cref="Warnings"/>.
/// </summary>
public sealed record ReleaseVerdict(GateVerdict Verdict, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings)
{
    public static ReleaseVerdict Of(GateDecision gate, IReadOnlyList<QualityFloorResult> floors)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(floors);
        var unmet = floors.Where(floor => !floor.Met).ToArray();
        var failing = unmet.Where(floor => floor.Action == Policies.FloorAction.Fail).Select(Describe).ToArray();
        var warnings = unmet.Where(floor => floor.Action == Policies.FloorAction.Warn).Select(Describe).ToArray();
        if (gate.Verdict == GateVerdict.Pass && failing.Length > 0)
        {
            return new ReleaseVerdict(GateVerdict.Reject, failing, warnings);
        }

        return new ReleaseVerdict(gate.Verdict, [.. gate.Reasons, .. failing], warnings);
    }

    private static string Describe(QualityFloorResult floor) => string.Create(
        CultureInfo.InvariantCulture,
        $"Quality floor {floor.Metric} not met: {ReportFigures.TextAgainst(floor.Value, floor.Bound)} is {(floor.IsMaximum ? "above the maximum" : "below the minimum")} {floor.Bound:0.000}.");
}
