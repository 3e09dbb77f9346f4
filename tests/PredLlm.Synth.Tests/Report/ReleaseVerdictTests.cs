using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;
using PredLlm.Synth.Quality;
using PredLlm.Synth.Report;

namespace PredLlm.Synth.Tests.Report;

public class ReleaseVerdictTests
{
    private static readonly QualityFloorResult FailingFloor = new("categoryAdherence", 0.95, 1.0, IsMaximum: false, FloorAction.Fail);
    private static readonly QualityFloorResult WarningFloor = new("discriminatorAuc", 0.9, 0.8, IsMaximum: true, FloorAction.Warn);
    private static readonly QualityFloorResult MetFloor = new("columnShapes", 0.9, 0.8, IsMaximum: false, FloorAction.Fail);

    [Fact]
    public void A_failing_quality_floor_rejects_a_table_the_gate_passed()
    {
        var verdict = ReleaseVerdict.Of(SampleReports.Gate(GateVerdict.Pass), [MetFloor, FailingFloor, WarningFloor]);

        Assert.Equal(GateVerdict.Reject, verdict.Verdict);
        Assert.Equal(["Quality floor categoryAdherence not met: 0.950 is below the minimum 1.000."], verdict.Reasons);
        Assert.Equal(["Quality floor discriminatorAuc not met: 0.900 is above the maximum 0.800."], verdict.Warnings);
    }

    [Fact]
    public void Warnings_never_change_the_gate_verdict()
    {
        Assert.Equal(GateVerdict.Pass, ReleaseVerdict.Of(SampleReports.Gate(GateVerdict.Pass), [MetFloor, WarningFloor]).Verdict);
        Assert.Equal(GateVerdict.Blocked, ReleaseVerdict.Of(SampleReports.Gate(GateVerdict.Blocked), [FailingFloor]).Verdict);
    }

    [Fact]
    public void A_floor_missed_by_less_than_the_rounding_still_reads_as_missed()
    {
        var nearlyAll = new QualityFloorResult("categoryAdherence", 0.99997, 1.0, IsMaximum: false, FloorAction.Fail);

        var verdict = ReleaseVerdict.Of(SampleReports.Gate(GateVerdict.Pass), [nearlyAll]);

        Assert.Equal(["Quality floor categoryAdherence not met: 0.99997 is below the minimum 1.000."], verdict.Reasons);
    }
}
