namespace PredLlm.Synth.Privacy;

/// <summary>The gate's answer for a synthetic table.</summary>
public enum GateVerdict
{
    /// <summary>Every test passed (or did not apply, where the policy allows it): the table may be published.</summary>
    Pass,

    /// <summary>A test found a leak: the table is not published; retraining more conservatively may help.</summary>
    Reject,

    /// <summary>A test could not decide (error, missing input, too little data): the table is not published.</summary>
    Blocked,
}

/// <summary>
/// The more conservative training and sampling an attempt used, relative to the policy's budget:
/// attempt 1 uses the policy as written (scales 1); each retry shrinks epochs and model width and
/// raises the sampling temperature as the policy's retry rules say.
/// </summary>
public sealed record AttemptSettings(int Number, double EpochScale, double CapacityScale, double SamplingTemperature);

/// <summary>
/// One synthetic table put through the gate: the settings that made it (null when the table came from
/// elsewhere, as with <c>predllm evaluate</c>), the verdict, its reasons, every test result, and how long it took.
/// </summary>
public sealed record GateAttempt(
    AttemptSettings? Settings,
    GateVerdict Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<PrivacyTestResult> Tests,
    TimeSpan Duration);

/// <summary>One policy value that took part in the decision, by its key in the policy file ("privacy.closestRecord.maxUpperBound").</summary>
public sealed record PolicySetting(string Key, string Value);

/// <summary>
/// The gate's final decision: the verdict and reasons of the last attempt, the policy (name and the
/// values that decided), and every attempt in order, the last one included. A release is never fixed
/// by deleting rows: each attempt is a whole new synthetic table.
/// </summary>
public sealed record GateDecision(
    GateVerdict Verdict,
    IReadOnlyList<string> Reasons,
    string PolicyName,
    IReadOnlyList<PolicySetting> PolicySettings,
    IReadOnlyList<GateAttempt> Attempts)
{
    /// <summary>The test results the verdict rests on: those of the last attempt.</summary>
    public IReadOnlyList<PrivacyTestResult> Tests => Attempts.Count > 0 ? Attempts[^1].Tests : [];
}
