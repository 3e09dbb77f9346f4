using PredLlm.Synth.Policies;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Tests.Policies;

public class PolicyLoaderTests
{
    [Fact]
    public void Default_policy_holds_the_thresholds_of_the_gate_document()
    {
        var policy = PolicyLoader.Default;

        Assert.Equal("default", policy.Name);
        Assert.Equal(0.55, policy.Privacy.ClosestRecord.MaxUpperBound);
        Assert.Equal(0.99, policy.Privacy.ClosestRecord.BoundLevel);
        Assert.Equal(0.60, policy.Privacy.WhiteBox.MaxAuc);
        Assert.Equal(0.05, policy.Privacy.WhiteBox.MaxTprAtLowFpr);
        Assert.Equal(0.65, policy.Privacy.BlackBox.MaxIsolatedAuc);
        Assert.Equal(0.10, policy.Privacy.Anonymeter.MaxRisk);
        Assert.Equal(0.001, policy.Privacy.ExactCopies.MinExcessShare);
        Assert.Equal(0.7, policy.Sampling.Temperature);
        Assert.Equal(0.3, policy.Training.TargetLossShare);
        Assert.Equal(MissingModelHandling.NotApplicable, policy.Privacy.WhiteBox.WithoutModel);
    }

    [Fact]
    public void Default_policy_trains_as_the_engine_defaults_do_so_the_benchmark_measures_what_users_get()
    {
        // `bench paper` trains with TrainingOptions' defaults, the product with the default policy: the two must agree.
        var training = PolicyLoader.Default.Training;
        var engine = new TrainingOptions();

        Assert.Equal(engine.Patience, training.EarlyStoppingPatience);
        Assert.Equal(engine.TargetLossShare, training.TargetLossShare);
    }

    [Fact]
    public void Strict_policy_changes_only_what_it_states_and_keeps_the_rest_from_default()
    {
        var strict = PolicyLoader.Load("strict");

        Assert.Equal("strict", strict.Name);
        Assert.Equal(IdentifierHandling.Refuse, strict.Identifiers.Handling);
        Assert.Equal(MissingModelHandling.Block, strict.Privacy.WhiteBox.WithoutModel);
        Assert.True(strict.Privacy.BlackBox.MaxAuc < PolicyLoader.Default.Privacy.BlackBox.MaxAuc);
        Assert.Equal(PolicyLoader.Default.Privacy.LowerTail, strict.Privacy.LowerTail);
        Assert.Equal(PolicyLoader.Default.Sampling, strict.Sampling);
    }

    [Fact]
    public void Shipped_policy_files_parse_from_the_repository()
    {
        var folder = Path.Combine(RepositoryRoot(), "policies");

        Assert.Equal("default", PolicyLoader.Load(Path.Combine(folder, "default.json")).Name);
        Assert.Equal("strict", PolicyLoader.Load(Path.Combine(folder, "strict.json")).Name);
    }

    [Fact]
    public void A_policy_can_give_the_target_a_share_of_the_training_loss()
    {
        var policy = PolicyLoader.Parse("""{ "name": "mine", "training": { "targetLossShare": 0.3 } }""", "mine.json");

        Assert.Equal(0.3, policy.Training.TargetLossShare);
    }

    [Fact]
    public void A_partial_policy_overrides_one_value()
    {
        var policy = PolicyLoader.Parse("""{ "name": "mine", "privacy": { "blackBox": { "maxAuc": 0.58 } } }""", "mine.json");

        Assert.Equal(0.58, policy.Privacy.BlackBox.MaxAuc);
        Assert.Equal(0.65, policy.Privacy.BlackBox.MaxIsolatedAuc);
        Assert.Contains(policy.Settings, setting => setting.Key == "privacy.blackBox.maxAuc" && setting.Value == "0.58");
    }

    [Theory]
    [InlineData("""{ "privacy": { "blackBox": { "maxAUC": 0.6 } } }""", "unknown key 'privacy.blackBox.maxAUC'")]
    [InlineData("""{ "privacyy": {} }""", "unknown key 'privacyy'")]
    [InlineData("""{ "quality": { "prettiness": { "min": 0.5, "action": "warn" } } }""", "unknown key 'quality.prettiness'")]
    [InlineData("""{ "privacy": { "blackBox": { "maxAuc": 1.3 } } }""", "key 'privacy.blackBox.maxAuc' must be a number from 0.5 to 1")]
    [InlineData("""{ "privacy": { "bootstrapRounds": 2.5 } }""", "key 'privacy.bootstrapRounds' must be a whole number")]
    [InlineData("""{ "identifiers": { "handling": "hash" } }""", "key 'identifiers.handling' must be one of \"drop\", \"surrogate\", \"refuse\"")]
    [InlineData("""{ "sampling": { "temperature": "hot" } }""", "key 'sampling.temperature' must be a number")]
    [InlineData("""{ "schemaVersion": 2 }""", "key 'schemaVersion'")]
    [InlineData("""{ "training": { "targetLossShare": 1 } }""", "key 'training.targetLossShare' must be a number from 0.01 to 0.99")]
    public void A_bad_policy_is_refused_with_a_message_naming_the_key(string json, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => PolicyLoader.Parse(json, "bad.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_as_bad_input()
    {
        var error = Assert.Throws<BadInputException>(() => PolicyLoader.Parse("{ \"name\": ", "broken.json"));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_name_is_refused()
    {
        var error = Assert.Throws<BadInputException>(() => PolicyLoader.Load("lenient"));

        Assert.Contains("default, strict", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PredLlm.Synth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
