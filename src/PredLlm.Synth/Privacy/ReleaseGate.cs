using System.Diagnostics;
using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy.Tests;

namespace PredLlm.Synth.Privacy;

/// <summary>
/// The release gate (PRIVACY-GATE.md): runs P0-P7 on one synthetic table and decides PASS, REJECT or
/// BLOCKED. It fails closed: a test that throws, lacks data or is under-powered is Blocked, and a Blocked
/// test blocks the release. A Fail (a leak found) outranks a Blocked: it is a finding, and retraining
/// more conservatively may cure it.
/// </summary>
public static class ReleaseGate
{
    private static readonly IPrivacyTest[] Tests =
    [
        new ExactCopyTest(),
        new ClosestRecordTest(),
        new LowerTailTest(),
        new WhiteBoxAttackTest(),
        new BlackBoxAttackTest(),
        new AnonymeterTest(),
        new ReplayTest(),
    ];

    /// <summary>One synthetic table through the gate; <paramref name="settings"/> says how it was made (null for a table made elsewhere).</summary>
    public static GateAttempt Evaluate(GateInputs inputs, Policy policy, AttemptSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(policy);
        var clock = Stopwatch.StartNew();
        var context = new GateContext(inputs, policy, cancellationToken);
        var preconditions = Guarded(PrivacyTestId.P0, Preconditions.Name, () => Preconditions.Check(context));
        var results = Tests.Select(test => preconditions.Outcome == TestOutcome.Pass
                ? Guarded(test.Id, test.Name, () => test.Run(context))
                : new PrivacyTestResult(test.Id, test.Name, TestOutcome.Blocked, "Not run: the preconditions (P0) do not hold.", []))
            .ToList();
        results.Insert(0, Preconditions.WithEveryTestRun(preconditions, results));
        var (verdict, reasons) = Verdict(results);
        return new GateAttempt(settings, verdict, reasons, results, clock.Elapsed);
    }

    /// <summary>The decision over every attempt made for one table: the last attempt's verdict, all attempts kept.</summary>
    public static GateDecision Decide(Policy policy, IReadOnlyList<GateAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            throw new ArgumentException("A decision needs at least one attempt.", nameof(attempts));
        }

        var deciding = policy.Settings
            .Where(setting => setting.Key.StartsWith("privacy.", StringComparison.Ordinal)
                || setting.Key.StartsWith("identifiers.", StringComparison.Ordinal)
                || setting.Key.StartsWith("retries.", StringComparison.Ordinal))
            .ToArray();
        var last = attempts[^1];
        return new GateDecision(last.Verdict, last.Reasons, policy.Name, deciding, attempts);
    }

    private static (GateVerdict Verdict, IReadOnlyList<string> Reasons) Verdict(IReadOnlyList<PrivacyTestResult> results)
    {
        static string Line(PrivacyTestResult result) => $"{result.Id} {result.Name}: {result.Reason}";
        var failed = results.Where(result => result.Outcome == TestOutcome.Fail).ToArray();
        var blocked = results.Where(result => result.Outcome == TestOutcome.Blocked).ToArray();
        if (failed.Length > 0)
        {
            return (GateVerdict.Reject, [.. failed.Concat(blocked).Select(Line)]);
        }

        if (blocked.Length > 0)
        {
            return (GateVerdict.Blocked, [.. blocked.Select(Line)]);
        }

        var notApplicable = results.Where(result => result.Outcome == TestOutcome.NotApplicable).Select(Line);
        return (GateVerdict.Pass, ["Every privacy test passed.", .. notApplicable]);
    }

    // Fail closed: a test that throws is Blocked. Messages of bad-input errors are written for users and
    // hold no data value; any other exception is named by its type only, as its message might quote data.
    private static PrivacyTestResult Guarded(PrivacyTestId id, string name, Func<PrivacyTestResult> run)
    {
        try
        {
            return run();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (BadInputException e)
        {
            return new PrivacyTestResult(id, name, TestOutcome.Blocked, $"The test could not run: {e.Message}", []);
        }
#pragma warning disable CA1031 // Any failure of a test must block the release, never crash past the gate.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new PrivacyTestResult(id, name, TestOutcome.Blocked, $"The test stopped with an internal error ({e.GetType().Name}).", []);
        }
    }
}
