using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Text;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Tests.Generation.Constraints;

public class OneHotGroupGrammarTests
{
    private static readonly string[] Names = ["red", "green", "blue", "size", "label"];

    private static readonly Vocabulary Words = Vocabulary.Build(Names, ["0", "1", "7", "no", "yes"]);

    private static readonly RowTokenizer Tokenizer = new(Words);

    private static readonly ValueSpec Bit = new CategoricalSpec(["0", "1"]);

    private static readonly RowGrammar Grammar = new(Words, [Bit, Bit, Bit, new IntegerSpec(0, 99), new CategoricalSpec(["no", "yes"])], [new OneHotGroup([0, 1, 2], "1", "0")]);

    [Fact]
    public void Every_decoded_row_has_exactly_one_member_of_the_group_set_and_each_member_gets_its_turn()
    {
        var setCounts = new int[3];
        for (var seed = 0; seed < 300; seed++)
        {
            var values = Tokenizer.DecodeToTableOrder(Walk(Grammar.Start(DecodingOrder.Free), new Random(seed)));

            var set = Enumerable.Range(0, 3).Where(column => values[column] == "1").ToArray();
            Assert.Single(set);
            setCounts[set[0]]++;
        }
        // The walk writes the members in a random order, so each is the set one in about a third of the rows.
        Assert.All(setCounts, count => Assert.InRange(count, 50, 200));
    }

    [Fact]
    public void A_set_member_in_the_prompt_forces_the_others_off_and_a_row_cannot_set_two()
    {
        var state = Grammar.Start(DecodingOrder.FeaturesOnly(4));
        var prompt = Tokenizer.EncodePrefix([new RowField("green", "1")]);
        state.Advance(prompt);
        state.CloseField();

        var fields = Tokenizer.Decode([.. prompt, .. Walk(state, new Random(1))]).ToDictionary(field => field.Name, field => field.Value);

        Assert.Equal(new[] { "0", "1", "0" }, Names[..3].Select(name => fields[name]));
        var twoSet = Grammar.Start(DecodingOrder.Free);
        twoSet.Advance(Tokenizer.EncodePrefix([new RowField("red", "1"), new RowField("blue", "0")]));
        twoSet.Advance(Words.NameToken(1));
        Assert.False(twoSet.IsAllowed(Words.EncodeValue("1")[0]));
        Assert.Throws<InvalidOperationException>(() => twoSet.Advance(Words.EncodeValue("1")[0]));
    }

    [Fact]
    public void The_last_member_is_set_when_no_other_is()
    {
        var state = Grammar.Start(DecodingOrder.Free);
        state.Advance(Tokenizer.EncodePrefix([new RowField("red", "0"), new RowField("blue", "0")]));
        state.Advance(Words.NameToken(1));
        var allowed = new int[Words.Count];

        Assert.Equal([.. Words.EncodeValue("1")], allowed[..state.CopyAllowed(allowed)]);
    }

    [Fact]
    public void A_group_the_specs_cannot_keep_is_refused()
    {
        ValueSpec[] specs = [Bit, Bit, Bit, new IntegerSpec(0, 99), new CategoricalSpec(["no", "yes"])];

        Assert.Throws<ArgumentException>(() => new RowGrammar(Words, specs, [new OneHotGroup([0], "1", "0")]));
        Assert.Throws<ArgumentException>(() => new RowGrammar(Words, specs, [new OneHotGroup([0, 1], "1", "0"), new OneHotGroup([1, 2], "1", "0")]));
        Assert.Throws<ArgumentException>(() => new RowGrammar(Words, specs, [new OneHotGroup([2, 3], "1", "0")]));
        Assert.Throws<ArgumentException>(() => new RowGrammar(Words, [Bit, Bit with { Nullable = true }, Bit, specs[3], specs[4]], [new OneHotGroup([0, 1], "1", "0")]));
        Assert.Throws<ArgumentException>(() => new RowGrammar(Words, specs, [new OneHotGroup([0, 1], "yes", "0")]));
    }

    /// <summary>Takes a uniformly random allowed token until END.</summary>
    private static int[] Walk(RowDecodingState state, Random random)
    {
        var allowed = new int[Words.Count];
        var tokens = new List<int>();
        while (!state.IsFinished)
        {
            var count = state.CopyAllowed(allowed);
            Assert.All(allowed[..count], token => Assert.True(state.IsAllowed(token)));
            var next = allowed[random.Next(count)];
            state.Advance(next);
            tokens.Add(next);
        }
        return [.. tokens];
    }
}
