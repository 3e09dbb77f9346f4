namespace PredLlm.Synth.Privacy;

/// <summary>The tests of the release gate, as PRIVACY-GATE.md numbers them.</summary>
public enum PrivacyTestId
{
    /// <summary>Preconditions: enough rows, schemas match, holdout disjoint, identifiers handled, every test ran.</summary>
    P0,

    /// <summary>Exact copies of train rows, against the holdout's rate.</summary>
    P1,

    /// <summary>Share of synthetic rows closer to train than to holdout.</summary>
    P2,

    /// <summary>Lower-tail closeness (Q-delta) against real-vs-real bootstraps.</summary>
    P3,

    /// <summary>White-box membership inference from the model's likelihood of each row.</summary>
    P4,

    /// <summary>Black-box membership inference suite, overall and on the most isolated records.</summary>
    P5,

    /// <summary>Singling out, linkability and inference, with the holdout as control.</summary>
    P6,

    /// <summary>Rare-value and identifier replay.</summary>
    P7,
}

/// <summary>What one test concluded.</summary>
public enum TestOutcome
{
    Pass,

    /// <summary>The test found a leak beyond the policy's limit.</summary>
    Fail,

    /// <summary>The test could not decide (error, missing input, too little data): the release is blocked.</summary>
    Blocked,

    /// <summary>The test does not apply and the policy allows that (white-box test without a model).</summary>
    NotApplicable,
}

/// <summary>A two-sided confidence interval at <see cref="Level"/> (0.95 unless a rule says otherwise).</summary>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level);

/// <summary>
/// One aggregate number a test computed: its value, its interval when it has one, and the limit the
/// policy sets on it when it is gated (the test fails when the value, or the bound the rule names, passes
/// the limit). Never a per-record value.
/// </summary>
public sealed record PrivacyStatistic(string Name, double Value, ConfidenceInterval? Interval = null, double? Limit = null);

/// <summary>
/// The result of one gate test: the headline statistic first in <see cref="Statistics"/>, then its
/// supporting figures (for P5, each attack's AUC). <see cref="Reason"/> says in words why the outcome
/// is what it is; like everything here it holds aggregates only.
/// </summary>
public sealed record PrivacyTestResult(
    PrivacyTestId Id,
    string Name,
    TestOutcome Outcome,
    string Reason,
    IReadOnlyList<PrivacyStatistic> Statistics)
{
    /// <summary>The statistic the outcome rests on, or null when the test was blocked before computing one.</summary>
    public PrivacyStatistic? Headline => Statistics.Count > 0 ? Statistics[0] : null;
}
