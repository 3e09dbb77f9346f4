using PredLlm.Synth.Policies;
using PredLlm.Synth.Privacy;

using PredLlm.Synth.Tests.Tables;

namespace PredLlm.Synth.Tests.Privacy;

public class ReleaseAttemptsTests
{
    [Fact]
    public void Each_retry_trains_less_and_samples_hotter_as_the_policy_says()
    {
        var policy = PolicyLoader.Default;

        var first = ReleaseAttempts.Settings(policy, 1);
        var third = ReleaseAttempts.Settings(policy, 3);

        Assert.Equal(new AttemptSettings(1, 1, 1, 0.7), first);
        Assert.Equal(0.25, third.EpochScale, 10);
        Assert.Equal(0.5625, third.CapacityScale, 10);
        Assert.Equal(0.9, third.SamplingTemperature, 10);
    }

    [BenchmarkTablesFact]
    public async Task A_rejected_table_is_remade_and_every_attempt_is_kept()
    {
        var scenario = GateScenario.Of("abalone");
        var produced = new List<AttemptSettings>();

        var decision = await ReleaseAttempts.RunAsync(PolicyLoader.Default, (settings, _) =>
        {
            produced.Add(settings);
            var synthetic = settings.Number == 1 ? scenario.Train : scenario.Holdout;
            return Task.FromResult(new GateInputs(scenario.Train, scenario.Holdout, synthetic) { Seed = settings.Number });
        });

        Assert.Equal(GateVerdict.Pass, decision.Verdict);
        Assert.Equal([GateVerdict.Reject, GateVerdict.Pass], decision.Attempts.Select(attempt => attempt.Verdict));
        Assert.Equal([1, 2], produced.Select(settings => settings.Number));
        Assert.Equal(produced, decision.Attempts.Select(attempt => attempt.Settings));
        Assert.Equal("default", decision.PolicyName);
        Assert.Contains(decision.PolicySettings, setting => setting.Key == "privacy.closestRecord.maxUpperBound" && setting.Value == "0.55");
    }

    [BenchmarkTablesFact]
    public async Task Retries_stop_at_the_policy_bound_and_the_last_verdict_stands()
    {
        var scenario = GateScenario.Of("abalone");
        var policy = PolicyLoader.Parse("""{ "retries": { "maxRetries": 1 } }""", "one-retry.json");

        var decision = await ReleaseAttempts.RunAsync(policy, (settings, _) =>
            Task.FromResult(new GateInputs(scenario.Train, scenario.Holdout, scenario.Train)));

        Assert.Equal(GateVerdict.Reject, decision.Verdict);
        Assert.Equal(2, decision.Attempts.Count);
        Assert.Equal(decision.Attempts[^1].Tests, decision.Tests);
    }

    [BenchmarkTablesFact]
    public async Task A_blocked_table_is_not_retried()
    {
        var scenario = GateScenario.Of("abalone");
        var calls = 0;

        var decision = await ReleaseAttempts.RunAsync(PolicyLoader.Default, (settings, _) =>
        {
            calls++;
            return Task.FromResult(new GateInputs(scenario.Train, scenario.Holdout, scenario.Holdout) { ModelRequired = true });
        });

        Assert.Equal(GateVerdict.Blocked, decision.Verdict);
        Assert.Equal(1, calls);
    }
}
