using PredLlm.Synth.Generation;
using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Splits;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Text;
using PredLlm.Synth.Training;

namespace PredLlm.Synth.Tests.Generation;

[Collection(TorchGlobalState.Name)]
public class ConstrainedDecoderTests
{
    // A biased coin that no feature predicts: the model learns heads at about three in four for any features, a clear
    // mode that a temperature of 0.7 still samples away from about one time in six.
    private static Table CoinTable(int rows, int seed)
    {
        var random = new Random(seed);
        string[] colours = ["red", "green", "blue", "amber"];
        return new Table([
            Column.Create<string>(new ColumnDefinition("colour", ColumnStorage.String, false), [.. Enumerable.Range(0, rows).Select(_ => colours[random.Next(colours.Length)])]),
            Column.Create<long>(new ColumnDefinition("size", ColumnStorage.Int32, false), [.. Enumerable.Range(0, rows).Select(_ => (long)random.Next(1, 60))]),
            Column.Create<string>(new ColumnDefinition("label", ColumnStorage.String, false), [.. Enumerable.Range(0, rows).Select(_ => random.Next(4) > 0 ? "heads" : "tails")]),
        ]);
    }

    [Fact]
    public void A_near_zero_label_temperature_answers_one_label_query_with_one_label_where_the_default_samples_both()
    {
        var split = StratifiedSplitter.Split(CoinTable(300, seed: 2), "label", new SplitPlan(), seed: 1);
        using var model = TableModelTrainer.Train(split.Train, split.Validation, "label", new TableTrainingOptions
        {
            Training = new TrainingOptions { Seed = 1, Budget = new TrainingBudget(MaxEpochs: 3), BatchSize = 32 },
        });
        var target = model.Target;
        var grammar = new RowGrammar(model.Vocabulary, ValueSpecs.Of(split.Train));
        var order = PredLlmCorpus.TableOrderTargetLast(split.Train.ColumnCount, target);
        int[] prompt = [.. model.Tokenizer.EncodePrefix([new RowField("colour", "red"), new RowField("size", "17")]), model.Vocabulary.NameToken(target)];
        var nulls = NullCalibration.Fit(model, split.Train);

        // The same label query 64 times over.
        string?[] Answers(LabelTemperature? label)
        {
            var states = Enumerable.Range(0, 64).Select(_ =>
            {
                var state = grammar.Start(DecodingOrder.Fixed(order));
                state.Advance(prompt);
                return state;
            }).ToArray();
            var decoder = new ConstrainedDecoder(model.Model, 0.7, nulls, label);
            using var cache = model.Model.NewCache(64);
            var rows = decoder.Complete(cache, [.. Enumerable.Repeat(prompt, 64)], states, new Random(5));
            return [.. rows.Select(tokens => model.Tokenizer.DecodeToTableOrder(tokens!)[target])];
        }

        var sampled = Answers(null);
        var sharp = Answers(new LabelTemperature(target, 0.01));

        Assert.Equal(["heads", "tails"], sampled.Distinct().Order());
        Assert.Equal(["heads"], sharp.Distinct());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstrainedDecoder(model.Model, 0.7, nulls, new LabelTemperature(target, 0)));
    }
}
