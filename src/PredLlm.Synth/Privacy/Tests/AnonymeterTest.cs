using PredLlm.Synth.Privacy.Statistics;

namespace PredLlm.Synth.Privacy.Tests;

/// <summary>
/// P6: the three attacks of Anonymeter (Giomi et al. 2022) with the holdout as control. Each attack is
/// run against train records (targets) and holdout records (control) of the same number, with the
/// synthetic table as the attacker's knowledge; the residual risk (r_targets - r_control) / (1 - r_control)
/// is what the synthetic table tells about train records beyond what it tells about anyone. Fails when a
/// residual risk exceeds the policy's maximum; blocks when an attack lacks the data to decide.
/// </summary>
internal sealed class AnonymeterTest : IPrivacyTest
{
    public PrivacyTestId Id => PrivacyTestId.P6;

    public string Name => "singling out, linkability and inference";

    public PrivacyTestResult Run(GateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules.Anonymeter;
        var quasiIdentifiers = rules.QuasiIdentifiers.Count > 0 ? rules.QuasiIdentifiers : context.DistanceColumns;
        var sensitive = rules.SensitiveColumns.Count > 0 ? rules.SensitiveColumns : context.Target is null ? [] : [context.Target];
        var unknown = quasiIdentifiers.Concat(sensitive).Where(name => !context.DistanceColumns.Contains(name, StringComparer.Ordinal)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            return new PrivacyTestResult(Id, Name, TestOutcome.Blocked,
                $"The policy names columns the gate cannot attack with (missing or identifier-like): {string.Join(", ", unknown.Select(name => $"'{name}'"))}.", []);
        }

        var random = context.RandomFor(Id);
        var size = Math.Min(rules.Attacks, Math.Min(context.Train.Count, context.Holdout.Count));
        var targets = GateContext.Sample(context.Train.Count, size, random);
        var control = GateContext.Sample(context.Holdout.Count, size, random);
        var attack = new AttackSetting(context, context.ColumnPositions(quasiIdentifiers), targets, control, random);

        var rates = new List<AttackRates> { SinglingOutAttack.Run(attack), LinkabilityAttack.Run(attack) };
        rates.AddRange(sensitive.Select(column => InferenceAttack.Run(attack, context.ColumnPositions([column])[0], column)));
        return Judge(context, rates);
    }

    private PrivacyTestResult Judge(GateContext context, List<AttackRates> rates)
    {
        var rules = context.Rules.Anonymeter;
        var level = context.Rules.ConfidenceLevel;
        var statistics = new List<PrivacyStatistic>();
        var failures = new List<string>();
        var underPowered = new List<string>();
        var risks = new List<(string Attack, double Risk, ConfidenceInterval Interval)>();
        foreach (var attack in rates)
        {
            if (attack.Targets.Trials < rules.MinAttacks)
            {
                underPowered.Add($"{attack.Name} ({Figures.Of(attack.Targets.Trials)} attacks, at least {Figures.Of(rules.MinAttacks)} needed)");
                continue;
            }

            var (risk, interval) = ResidualRisk(attack, level);
            risks.Add((attack.Name, risk, interval));
            statistics.Add(new PrivacyStatistic($"{attack.Name}: attack success on train records", attack.Targets.Share, attack.Targets.Wilson(level)));
            statistics.Add(new PrivacyStatistic($"{attack.Name}: attack success on holdout records (control)", attack.Control.Share, attack.Control.Wilson(level)));
            switch (Power.Judge(risk, interval, rules.MaxRisk, Powered(attack, rules.MaxRisk, context.PowerZ)))
            {
                case TestOutcome.Fail:
                    failures.Add($"{attack.Name}: residual risk {Figures.Of(risk)} (limit {Figures.Of(rules.MaxRisk)}).");
                    break;
                case TestOutcome.Blocked:
                    underPowered.Add($"{attack.Name} (residual risk {Figures.Of(risk)}, interval up to {Figures.Of(interval.Upper)})");
                    break;
            }
        }

        // Highest residual risk first: it is the headline.
        statistics.InsertRange(0, risks.OrderByDescending(entry => entry.Risk)
            .Select(entry => new PrivacyStatistic($"{entry.Attack}: residual risk", entry.Risk, entry.Interval, rules.MaxRisk)));
        if (failures.Count > 0)
        {
            return new PrivacyTestResult(Id, Name, TestOutcome.Fail, "The synthetic table helps attack train records: " + string.Join(" ", failures), statistics);
        }

        if (underPowered.Count > 0)
        {
            return new PrivacyTestResult(Id, Name, TestOutcome.Blocked,
                "Too little data to judge " + string.Join(", ", underPowered) + $" against a residual risk of {Figures.Of(rules.MaxRisk)}.", statistics);
        }

        var highest = risks.MaxBy(entry => entry.Risk);
        return new PrivacyTestResult(Id, Name, TestOutcome.Pass,
            $"Every residual risk is within {Figures.Of(rules.MaxRisk)} (highest {Figures.Of(highest.Risk)}, {highest.Attack}).", statistics);
    }

    // Anonymeter's residual risk, its interval taken from the targets' Wilson interval with the control rate fixed.
    private static (double Risk, ConfidenceInterval Interval) ResidualRisk(AttackRates attack, double level)
    {
        var control = attack.Control.Share;
        if (control >= 1)
        {
            return (0, new ConfidenceInterval(0, 0, level));
        }

        var wilson = attack.Targets.Wilson(level);
        double Risk(double rate) => (rate - control) / (1 - control);
        return (Risk(attack.Targets.Share), new ConfidenceInterval(Risk(wilson.Lower), Risk(wilson.Upper), level));
    }

    // A harmless table's risk estimate wanders by the sampling error of two rates near the control rate.
    private static bool Powered(AttackRates attack, double maxRisk, double powerZ)
    {
        var control = attack.Control.Share;
        if (control >= 1)
        {
            return true;
        }

        var error = Math.Sqrt(control * (1 - control) * ((1.0 / attack.Targets.Trials) + (1.0 / attack.Control.Trials))) / (1 - control);
        return powerZ * error <= maxRisk;
    }
}

/// <summary>How often an attack succeeded on train records (targets) and on holdout records (control).</summary>
internal sealed record AttackRates(string Name, Proportion Targets, Proportion Control);

/// <summary>What every Anonymeter attack works with: the quasi-identifier columns, the target and control rows, and a seeded generator.</summary>
internal sealed record AttackSetting(GateContext Context, int[] QuasiIdentifiers, int[] Targets, int[] Control, Random Random);
