using System.Globalization;
using System.Text.RegularExpressions;
using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Text;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Tests.Generation.Constraints;

public class RowGrammarTests
{
    private const int Target = 8;

    private static readonly string[] Names = ["colour", "flag", "age", "delta", "price", "score", "when", "stamp", "label"];

    private static readonly ValueSpec[] Specs =
    [
        new CategoricalSpec(["red", "blue", "dark blue", "", "null", "\u65e5\u672c", " padded", "a, b is c"]) { Nullable = true },
        new CategoricalSpec(["false", "true"]),
        new IntegerSpec(0, 120),
        new IntegerSpec(-50, 50) { Nullable = true },
        new ContinuousSpec(4, 2, AllowNegative: false),
        new ContinuousSpec(1, 3, AllowNegative: true) { ExponentDigits = 2, Literals = ["NaN", "-Infinity"], Nullable = true },
        new DateTimeSpec("yyyy-MM-dd"),
        new DateTimeSpec("yyyy-MM-ddTHH:mm:ss.FFFZ") { Nullable = true },
        new CategoricalSpec(["<=50K", ">50K"]),
    ];

    private static readonly Lazy<(RowGrammar Grammar, RowTokenizer Tokenizer, string?[][] Rows)> Table = new(BuildTable);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ContinuousSpec, Regex> NumberForms = new();

    private static RowGrammar Grammar => Table.Value.Grammar;

    private static RowTokenizer Tokenizer => Table.Value.Tokenizer;

    [Fact]
    public void Random_walks_over_allowed_tokens_always_give_rows_that_parse_and_satisfy_every_spec()
    {
        var orders = new[] { DecodingOrder.Free, DecodingOrder.Fixed(FieldOrder.TableOrder(Names.Length)) };
        var nulls = new int[Names.Length];
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var order = orders[seed % orders.Length];

            var tokens = Walk(Grammar.Start(order), random, checkMasks: seed < 10);

            var fields = Tokenizer.Decode(tokens);
            Assert.Equal(Names.Order(StringComparer.Ordinal), fields.Select(f => f.Name).Order(StringComparer.Ordinal));
            if (order != DecodingOrder.Free)
            {
                Assert.Equal(Names, fields.Select(f => f.Name));
            }
            var values = Tokenizer.DecodeToTableOrder(tokens);
            for (var column = 0; column < Names.Length; column++)
            {
                AssertSatisfies(Specs[column], values[column]);
                nulls[column] += values[column] is null ? 1 : 0;
            }
        }
        Assert.All(Enumerable.Range(0, Names.Length), column => Assert.Equal(Specs[column].Nullable, nulls[column] > 0));
    }

    [Fact]
    public void Every_training_row_is_accepted_in_every_order()
    {
        var random = new Random(1);
        foreach (var row in Table.Value.Rows)
        {
            var shuffled = FieldOrder.FeaturesShuffledTargetLast(Names.Length, Target, random);
            var tokens = Tokenizer.Encode(row, shuffled);
            var state = Grammar.Start(DecodingOrder.Free);
            state.Advance(tokens);
            Assert.True(state.IsFinished);

            // Without the target, END comes where the target's name would.
            var targetName = Array.IndexOf(tokens, Grammar.Vocabulary.NameToken(Target));
            state = Grammar.Start(DecodingOrder.FeaturesOnly(Target));
            state.Advance(tokens.AsSpan(0, targetName));
            Assert.False(state.IsAllowed(tokens[targetName]));
            state.Advance(Vocabulary.End);
            Assert.True(state.IsFinished);

            state = Grammar.Start(DecodingOrder.Fixed(FieldOrder.TableOrder(Names.Length)));
            state.Advance(Tokenizer.Encode(row, FieldOrder.TableOrder(Names.Length)));
            Assert.True(state.IsFinished);
        }
    }

    [Fact]
    public void Feature_conditional_prompts_are_kept_and_completed_with_every_feature_and_no_target()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var state = Grammar.Start(DecodingOrder.FeaturesOnly(Target));
            var prompt = Tokenizer.EncodePrefix([new RowField("age", "39")]);
            state.Advance(prompt);
            state.CloseField();

            var tokens = prompt.Concat(Walk(state, new Random(seed), checkMasks: seed < 10)).ToArray();

            Assert.Equal(Vocabulary.End, tokens[^1]);
            var fields = Tokenizer.Decode(tokens);
            Assert.Equal(new RowField("age", "39"), fields[0]);
            Assert.Equal(Names.Where(name => name != "label").Order(StringComparer.Ordinal), fields.Select(f => f.Name).Order(StringComparer.Ordinal));
            Assert.All(fields, field => AssertSatisfies(Specs[Array.IndexOf(Names, field.Name)], field.Value));
        }
    }

    [Fact]
    public void A_closed_prompt_value_is_not_extended_and_only_a_complete_value_can_be_closed()
    {
        var age = Array.IndexOf(Names, "age");
        var open = Grammar.Start(DecodingOrder.Free);
        open.Advance(Tokenizer.EncodePrefix([new RowField("age", "3")]));
        var closed = Grammar.Start(DecodingOrder.Free);
        closed.Advance(Tokenizer.EncodePrefix([new RowField("age", "3")]));

        closed.CloseField();

        var digit = Tokenizer.Vocabulary.EncodeValue("9")[0];
        Assert.True(open.IsAllowed(digit));
        Assert.False(closed.IsAllowed(digit));
        Assert.All(Allowed(closed), token => Assert.True(Tokenizer.Vocabulary.ColumnOfToken(token) is >= 0 and var named && named != age));
        var started = Grammar.Start(DecodingOrder.Free);
        started.Advance([Vocabulary.Begin, Tokenizer.Vocabulary.NameToken(age)]);
        Assert.Throws<InvalidOperationException>(started.CloseField);
    }

    [Fact]
    public void A_scaled_column_takes_a_magnitude_level_or_null_and_after_a_level_a_number()
    {
        var state = Grammar.Start(DecodingOrder.Free);
        state.Advance(Tokenizer.EncodePrefix([]));
        state.Advance(Tokenizer.Vocabulary.NameToken(Array.IndexOf(Names, "delta")));
        var allowed = new int[Tokenizer.Vocabulary.Count];

        var afterName = allowed[..state.CopyAllowed(allowed)];
        state.Advance(Vocabulary.MagnitudeToken(3));
        var afterLevel = allowed[..state.CopyAllowed(allowed)];

        Assert.Equal([Vocabulary.Null, .. Enumerable.Range(0, MagnitudeScale.Levels).Select(Vocabulary.MagnitudeToken)], afterName);
        Assert.DoesNotContain(Vocabulary.Null, afterLevel);
        Assert.DoesNotContain(afterLevel, Vocabulary.IsMagnitudeToken);
        Assert.Contains(Tokenizer.Vocabulary.EncodeValue("-")[0], afterLevel);
    }

    [Fact]
    public void A_label_query_allows_only_the_target_then_an_observed_class()
    {
        var features = Table.Value.Rows[0][..Target].Select((value, column) => new RowField(Names[column], value));
        var state = Grammar.Start(DecodingOrder.Fixed(FieldOrder.TableOrder(Names.Length)));
        state.Advance(Tokenizer.EncodePrefix(features));
        state.CloseField();

        Assert.Equal([Grammar.Vocabulary.NameToken(Target)], Allowed(state));
        for (var seed = 0; seed < 20; seed++)
        {
            var query = Grammar.Start(DecodingOrder.Fixed(FieldOrder.TableOrder(Names.Length)));
            var prompt = Tokenizer.EncodePrefix(features);
            query.Advance(prompt);
            query.CloseField();

            var label = Tokenizer.DecodeToTableOrder([.. prompt, .. Walk(query, new Random(seed), checkMasks: false)])[Target];

            Assert.Contains(label, ((CategoricalSpec)Specs[Target]).Values);
        }
    }

    [Fact]
    public void A_forced_ending_is_offered_only_once_no_choice_is_left_and_reads_nothing()
    {
        var features = Table.Value.Rows[0][..Target].Select((value, column) => new RowField(Names[column], value));
        var state = Grammar.Start(DecodingOrder.Fixed(FieldOrder.TableOrder(Names.Length)));
        state.Advance(Tokenizer.EncodePrefix(features));
        state.CloseField();

        // The target's name is forced, but its value is a choice.
        Assert.Empty(state.ForcedEnding());
        state.Advance(Grammar.Vocabulary.NameToken(Target));
        var label = Grammar.Vocabulary.EncodeValue(">50K");
        state.Advance(label[0]);
        var ending = state.ForcedEnding();

        Assert.Equal([.. label[1..], Vocabulary.End], ending);
        Assert.False(state.IsFinished);
        state.Advance(ending);
        Assert.True(state.IsFinished);
        Assert.Empty(state.ForcedEnding());
    }

    [Fact]
    public void A_features_only_row_never_offers_the_target()
    {
        var state = Grammar.Start(DecodingOrder.FeaturesOnly(Target));
        state.Advance(Vocabulary.Begin);

        var names = Allowed(state).Select(Grammar.Vocabulary.ColumnOfToken).ToArray();

        Assert.Equal(Enumerable.Range(0, Target), names.Order());
    }

    [Fact]
    public void Tokens_outside_the_grammar_are_refused_with_a_clear_error()
    {
        var vocabulary = Grammar.Vocabulary;
        var state = Grammar.Start(DecodingOrder.Free);
        Assert.Throws<InvalidOperationException>(() => state.Advance(Vocabulary.End));
        state.Advance([Vocabulary.Begin, vocabulary.NameToken(2)]);

        Assert.False(state.IsAllowed(Vocabulary.Null));
        Assert.False(state.IsAllowed(vocabulary.NameToken(0)));
        Assert.False(state.IsAllowed(vocabulary.EncodeValue("-")[0]));
        state.Advance(Vocabulary.MagnitudeToken(0));
        state.Advance(vocabulary.EncodeValue("12"));
        Assert.False(state.IsAllowed(vocabulary.EncodeValue("5")[0]));
        Assert.True(state.IsAllowed(vocabulary.EncodeValue("0")[0]));
        Assert.False(state.IsAllowed(vocabulary.NameToken(2)));
        var error = Assert.Throws<InvalidOperationException>(() => state.Advance(Vocabulary.End));
        Assert.Contains("column 2", error.Message, StringComparison.Ordinal);
        state.Advance(vocabulary.NameToken(0));
        Assert.Equal(0, state.CurrentColumn);
    }

    [Fact]
    public void Masks_have_the_vocabulary_size()
    {
        var state = Grammar.Start(DecodingOrder.Free);

        Assert.Throws<ArgumentException>(() => state.WriteAdditiveMask(new float[Grammar.Vocabulary.Count - 1]));
        Assert.Throws<ArgumentException>(() => state.WriteMask(new bool[Grammar.Vocabulary.Count + 1]));
    }

    [Fact]
    public void A_column_with_no_possible_value_is_refused_unless_it_may_be_null()
    {
        var vocabulary = Vocabulary.Build(["x"], []);

        Assert.Throws<ArgumentException>(() => new RowGrammar(vocabulary, [new CategoricalSpec([])]));
        var onlyNull = new RowGrammar(vocabulary, [new CategoricalSpec([]) { Nullable = true }]);
        var state = onlyNull.Start(DecodingOrder.Free);
        state.Advance([Vocabulary.Begin, vocabulary.NameToken(0)]);
        Assert.Equal([Vocabulary.Null], Allowed(state));
    }

    [Fact]
    public void A_finished_row_only_allows_padding()
    {
        var state = Grammar.Start(DecodingOrder.Free);
        Walk(state, new Random(4), checkMasks: false);

        Assert.True(state.IsFinished);
        Assert.Equal([Vocabulary.Pad], Allowed(state));
        state.Advance(Vocabulary.Pad);
        Assert.True(state.IsFinished);
    }

    /// <summary>Samples uniformly among the allowed tokens until END, checking the mask helpers agree and no step is stuck.</summary>
    private static int[] Walk(RowDecodingState state, Random random, bool checkMasks)
    {
        var vocabularySize = Grammar.Vocabulary.Count;
        var allowed = new int[vocabularySize];
        var mask = new bool[vocabularySize];
        var additive = new float[vocabularySize];
        var tokens = new List<int>();
        while (!state.IsFinished)
        {
            var count = state.CopyAllowed(allowed);
            Assert.True(count > 0, "the decoder is stuck");
            if (checkMasks)
            {
                state.WriteMask(mask);
                state.WriteAdditiveMask(additive);
                var expected = new bool[vocabularySize];
                foreach (var token in allowed.AsSpan(0, count))
                {
                    Assert.False(expected[token], "a token is listed twice");
                    expected[token] = true;
                }
                for (var token = 0; token < vocabularySize; token++)
                {
                    if (mask[token] != expected[token] || state.IsAllowed(token) != expected[token] || additive[token] != (expected[token] ? 0f : float.NegativeInfinity))
                    {
                        Assert.Fail($"the mask, the additive mask and IsAllowed disagree with the allowed list at token {token}");
                    }
                }
            }
            // NULL is one choice among hundreds of value tokens (a timestamp's first token); a walk takes it more often.
            var next = allowed.AsSpan(0, count).Contains(Vocabulary.Null) && random.Next(4) == 0 ? Vocabulary.Null : allowed[random.Next(count)];
            state.Advance(next);
            tokens.Add(next);
            Assert.True(tokens.Count <= Grammar.MaxRowTokens, "a row ran past the grammar's length bound");
        }
        return [.. tokens];
    }

    private static int[] Allowed(RowDecodingState state)
    {
        var allowed = new int[Grammar.Vocabulary.Count];
        return allowed[..state.CopyAllowed(allowed)];
    }

    private static void AssertSatisfies(ValueSpec spec, string? value)
    {
        if (value is null)
        {
            Assert.True(spec.Nullable);
            return;
        }
        switch (spec)
        {
            case CategoricalSpec categorical:
                Assert.Contains(value, categorical.Values);
                break;
            case IntegerSpec integer:
                Assert.True(long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number));
                Assert.InRange(number, integer.Min, integer.Max);
                Assert.Equal(value, number.ToString(CultureInfo.InvariantCulture));
                break;
            case ContinuousSpec continuous:
                Assert.True(continuous.Literals.Contains(value) || NumberForm(continuous).IsMatch(value), "a number outside its spec");
                Assert.True(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                break;
            case DateTimeSpec dateTime:
                Assert.True(DateTime.TryParseExact(value, dateTime.Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
                break;
        }
    }

    private static Regex NumberForm(ContinuousSpec spec) => NumberForms.GetOrAdd(spec, static spec => new Regex(
        $@"^{(spec.AllowNegative ? "-?" : "")}(0|[1-9]\d{{0,{spec.MaxIntegerDigits - 1}}})(\.\d{{1,{spec.MaxDecimals}}})?"
        + (spec.ExponentDigits > 0 ? $@"(E[+-]?\d{{1,{spec.ExponentDigits}}})?$" : "$")));

    private static (RowGrammar, RowTokenizer, string?[][]) BuildTable()
    {
        var random = new Random(2024);
        string? Sample(int column)
        {
            if (Specs[column].Nullable && random.Next(6) == 0)
            {
                return null;
            }
            return Specs[column] switch
            {
                CategoricalSpec categorical => categorical.Values[random.Next(categorical.Values.Count)],
                IntegerSpec integer => random.NextInt64(integer.Min, integer.Max + 1).ToString(CultureInfo.InvariantCulture),
                ContinuousSpec { ExponentDigits: 0 } => Math.Round(random.NextDouble() * 9999, 2).ToString("R", CultureInfo.InvariantCulture),
                ContinuousSpec => random.Next(4) == 0 ? "NaN" : (random.NextDouble() * 1e-6).ToString("0.###E+00", CultureInfo.InvariantCulture),
                DateTimeSpec dateTime => new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.NextInt64(800_000_000)).AddMilliseconds(random.Next(2) * random.Next(1000))
                    .ToString(dateTime.Pattern, CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException(),
            };
        }
        var rows = Enumerable.Range(0, 120).Select(_ => Enumerable.Range(0, Names.Length).Select(Sample).ToArray()).ToArray();
        // age, delta and price are written after a magnitude level.
        MagnitudeScale?[] scales = [null, null, new MagnitudeScale([30, 60, 90]), new MagnitudeScale([0]), new MagnitudeScale([100, 5000]), null, null, null, null];
        var vocabulary = Vocabulary.Build(Names, rows.SelectMany(row => row), scales);
        return (new RowGrammar(vocabulary, Specs), new RowTokenizer(vocabulary), rows);
    }
}
