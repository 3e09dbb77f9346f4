using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// Whether a test has the data to decide. A test is powered when a table free of memorisation would
/// pass it with the policy's required power. A powered test decides on its statistic; an under-powered
/// one decides only when its interval lies wholly on one side of the limit, and blocks otherwise: it
/// never passes a table it could not have failed, nor fails one on noise.
/// </summary>
internal static class Power
{
    public static TestOutcome Judge(double value, ConfidenceInterval interval, double limit, bool powered)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (powered)
        {
            return value > limit ? TestOutcome.Fail : TestOutcome.Pass;
        }

        return interval.Upper <= limit ? TestOutcome.Pass
            : interval.Lower > limit ? TestOutcome.Fail
            : TestOutcome.Blocked;
    }

    /// <summary>Fail if any outcome fails, else Blocked if any blocks, else Pass.</summary>
    public static TestOutcome Worst(params TestOutcome[] outcomes) =>
        outcomes.Contains(TestOutcome.Fail) ? TestOutcome.Fail
        : outcomes.Contains(TestOutcome.Blocked) ? TestOutcome.Blocked
        : TestOutcome.Pass;

    /// <summary>True when an attack no better than chance stays at or below <paramref name="maxAuc"/> with the required power.</summary>
    public static bool SufficesForAuc(int members, int nonMembers, double maxAuc, double powerZ) =>
        members > 0 && nonMembers > 0 && 0.5 + (powerZ * MembershipScores.NullAucStandardError(members, nonMembers)) <= maxAuc;

    /// <summary>True when a chance attack's true-positive rate at <paramref name="fpr"/> stays at or below <paramref name="maxTpr"/> with the required power.</summary>
    public static bool SufficesForTruePositiveRate(int members, int nonMembers, double fpr, double maxTpr, double powerZ) =>
        nonMembers * fpr >= 1
        && fpr + (powerZ * Math.Sqrt(fpr * (1 - fpr) * ((1.0 / members) + (1.0 / nonMembers)))) <= maxTpr;
}
