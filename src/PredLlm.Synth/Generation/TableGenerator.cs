using System.Globalization;
using PredLlm.Synth.Generation.Constraints;
using PredLlm.Synth.Model;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Text;
using PredLlm.Synth.Training;
using TorchSharp;

namespace PredLlm.Synth.Generation;

/// <summary>
/// Writes a synthetic table with a trained <see cref="TableModel"/>: rows start from values of the train
/// marginals (<see cref="SamplingMethod"/>), are completed in batches under the schema grammar, labels are
/// queried with a prompt for Pred-LLM, and the values are parsed back into the model's columns and written as the
/// train schema (<see cref="OneHotCoding.Expand"/>).
/// </summary>
public sealed class TableGenerator
{
    private readonly TableModel model;
    private readonly Table train;
    private readonly GenerationOptions options;
    private readonly RowGrammar grammar;
    private readonly ConstrainedDecoder plannedDecoder;
    private readonly ConstrainedDecoder refillDecoder;
    private readonly FieldOrder labelQueryOrder;
    private readonly int labelDraws;

    public TableGenerator(TableModel model, Table train, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumericLabelDraws, 1, nameof(options));
        this.model = model;
        // Every value below (start values, specs, null rates) is the model's view of the table.
        this.train = model.Coding.Collapse(train);
        this.options = options;
        grammar = new RowGrammar(model.Vocabulary, ValueSpecs.Of(this.train));
        var nulls = NullCalibration.Fit(model, this.train);
        var target = this.train[model.Target];
        var task = PredictionTasks.Of(target);
        plannedDecoder = new ConstrainedDecoder(model.Model, options.Temperature, nulls, ClassLabelTemperature(task, options.LabelTemperature));
        // A sharp label names a class the model is unsure of only where that class wins outright, so the rows that
        // fill a short class draw their label from the model's own odds (temperature 1).
        refillDecoder = new ConstrainedDecoder(model.Model, options.Temperature, nulls, ClassLabelTemperature(task, 1));
        labelQueryOrder = PredLlmCorpus.TableOrderTargetLast(this.train.ColumnCount, model.Target);
        labelDraws = task == PredictionTask.Regression && target.Family is ValueFamily.Integer or ValueFamily.Real or ValueFamily.Decimal
            ? options.NumericLabelDraws
            : 1;
    }

    // Only a class label gets its own temperature: a number sampled near its argmax is its mode digit by digit
    // (fuel's R^2 fell 2.4 points); a numeric label is the median of several draws instead.
    private LabelTemperature? ClassLabelTemperature(PredictionTask task, double? labelTemperature) =>
        labelTemperature is { } temperature && task == PredictionTask.Classification
            ? new LabelTemperature(model.Target, temperature)
            : null;

    /// <summary>Generates <paramref name="rows"/> valid rows; <paramref name="progress"/> hears the count so far.</summary>
    /// <remarks>
    /// With a classification target the rows keep the train class shares (<see cref="ClassQuotas"/>): after the
    /// planned rows, extra rows are decoded while a class is short, at most as many as the table asks for, and
    /// each class is then cut to its quota at random.
    /// </remarks>
    public GeneratedTable Generate(int rows, int seed, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var random = new Random(seed);
        var builders = model.Coding.Coded.Select(definition => ColumnBuilder.Create(definition, rows)).ToArray();
        var quotas = ClassQuotas.For(train[model.Target], rows);
        var starts = StartColumns(rows, random);
        var streams = options.StreamCount;
        // One cache per stream serves every batch of that stream, the label queries included, so its memory is
        // allocated once.
        var caches = Enumerable.Range(0, streams).Select(_ => model.Model.NewCache(options.BatchSize)).ToArray();
        var torchThreads = torch.get_num_threads();
        try
        {
            var attempted = 0;
            var decodedValid = 0;
            var written = 0;
            while (written < rows)
            {
                if (attempted > 2 * rows + options.BatchSize)
                {
                    throw new InvalidOperationException($"Only {written} of {attempted} decoded rows were valid; generation gives up.");
                }
                foreach (var batch in DecodeRound(plannedDecoder, caches, NextBatches(starts, rows - written, streams, random), torchThreads, cancellationToken))
                {
                    attempted += batch.Length;
                    foreach (var values in batch)
                    {
                        if (written < rows && values is not null && Parses(builders, values))
                        {
                            Append(builders, values);
                            quotas?.Count(values[model.Target]);
                            decodedValid++;
                            written++;
                        }
                    }
                }
                progress?.Invoke(written);
            }

            if (quotas is not null)
            {
                // Its own generator, so that batches decoded after the quotas were met change nothing that follows.
                var extraRandom = new Random(random.Next());
                var extra = 0;
                while (quotas.AnyShort && extra < rows)
                {
                    var round = Enumerable.Range(0, streams)
                        .Select(_ => (StartColumns: RandomStarts(options.BatchSize, extraRandom), Seed: extraRandom.Next())).ToList();
                    // Batch by batch, so the table does not depend on how many batches a round decodes.
                    foreach (var batch in DecodeRound(refillDecoder, caches, round, torchThreads, cancellationToken).TakeWhile(_ => quotas.AnyShort && extra < rows))
                    {
                        extra += batch.Length;
                        attempted += batch.Length;
                        foreach (var values in batch)
                        {
                            if (values is null || !Parses(builders, values))
                            {
                                continue;
                            }
                            decodedValid++;
                            if (!quotas.IsFull(values[model.Target]))
                            {
                                Append(builders, values);
                                quotas.Count(values[model.Target]);
                            }
                        }
                    }
                }
            }

            var table = new Table(builders.Select(builder => builder.Build()));
            var kept = quotas?.Select(table[model.Target], rows, random) ?? [.. Enumerable.Range(0, rows)];
            // Rows come out grouped by their starting column; shuffle so that row order says nothing.
            random.Shuffle(kept);
            return new GeneratedTable(model.Coding.Expand(table.TakeRows(kept)), attempted, decodedValid);
        }
        finally
        {
            torch.set_num_threads(torchThreads);
            foreach (var cache in caches)
            {
                cache.Dispose();
            }
        }
    }

    /// <summary>Decodes one round of batches at the same time, one per stream; the rows of each batch in batch order.</summary>
    private string?[]?[][] DecodeRound(ConstrainedDecoder decoder, KeyValueCache[] caches, List<(List<int> StartColumns, int Seed)> round, int torchThreads, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A lone batch (a small table, the last of a table) keeps every core for its operations.
        torch.set_num_threads(round.Count > 1 ? 1 : torchThreads);
        // Each batch draws from its own generator, seeded in batch order, so the rows do not depend on which stream
        // decodes them or when.
        var decoded = round.Select((batch, stream) => Task.Run(() => DecodeRows(decoder, caches[stream], batch.StartColumns, new Random(batch.Seed)), cancellationToken)).ToArray();
        return Task.WhenAll(decoded).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The next batches, one per stream at most: the planned start columns in order, or once they are used up (rows
    /// that could not be completed) one batch for the <paramref name="missing"/> rows from fresh start columns.
    /// </summary>
    private List<(List<int> StartColumns, int Seed)> NextBatches(List<int> starts, int missing, int streams, Random random)
    {
        var batches = new List<(List<int>, int)>();
        if (starts.Count == 0)
        {
            batches.Add((RandomStarts(Math.Min(options.BatchSize, missing), random), random.Next()));
            return batches;
        }
        while (batches.Count < streams && starts.Count > 0)
        {
            var size = Math.Min(options.BatchSize, starts.Count);
            batches.Add((starts.GetRange(0, size), random.Next()));
            starts.RemoveRange(0, size);
        }
        return batches;
    }

    /// <summary>The column each row starts from: for Pred-LLM every feature in turn, ceil(N/M) rows each.</summary>
    private List<int> StartColumns(int rows, Random random)
    {
        if (options.Method != SamplingMethod.PredLlm)
        {
            return [.. Enumerable.Range(0, rows).Select(_ => StartColumn(random))];
        }
        var features = Enumerable.Range(0, train.ColumnCount).Where(column => column != model.Target).ToArray();
        if (features.Length == 0)
        {
            return [.. Enumerable.Repeat(model.Target, rows)];
        }
        var perFeature = (rows + features.Length - 1) / features.Length;
        return [.. features.SelectMany(feature => Enumerable.Repeat(feature, perFeature)).Take(rows)];
    }

    private List<int> RandomStarts(int rows, Random random) => [.. Enumerable.Range(0, rows).Select(_ => StartColumn(random))];

    private int StartColumn(Random random) => options.Method switch
    {
        SamplingMethod.ClassConditional => model.Target,
        SamplingMethod.GreatStyle => random.Next(train.ColumnCount),
        _ => Enumerable.Range(0, train.ColumnCount).Where(column => column != model.Target).DefaultIfEmpty(model.Target)
            .ElementAt(random.Next(Math.Max(1, train.ColumnCount - 1))),
    };

    /// <summary>Decodes one batch; a row that could not be completed is null.</summary>
    private string?[]?[] DecodeRows(ConstrainedDecoder decoder, KeyValueCache cache, List<int> startColumns, Random random)
    {
        var order = options.Method == SamplingMethod.PredLlm ? DecodingOrder.FeaturesOnly(model.Target) : DecodingOrder.Free;
        var prompts = new List<int[]>(startColumns.Count);
        var states = new List<RowDecodingState>(startColumns.Count);
        foreach (var column in startColumns)
        {
            // The start value is drawn from the column's train marginal, nulls included.
            var value = train[column].Format(random.Next(train.RowCount));
            var prompt = model.Tokenizer.EncodePrefix([new RowField(train[column].Name, value)]);
            var state = grammar.Start(order);
            state.Advance(prompt);
            state.CloseField();
            prompts.Add(prompt);
            states.Add(state);
        }
        var completed = decoder.Complete(cache, prompts, states, random);
        return options.Method == SamplingMethod.PredLlm
            ? QueryLabels(decoder, cache, [.. completed.Select(tokens => tokens is null ? null : FeaturesInTableOrder(tokens))], random)
            : [.. completed.Select(tokens => tokens is null ? null : model.Tokenizer.DecodeToTableOrder(tokens))];
    }

    /// <summary>
    /// The values of a row that <see cref="DecodingOrder.FeaturesOnly"/> finished after its last feature, in table
    /// order, with the target still null.
    /// </summary>
    private string?[] FeaturesInTableOrder(int[] tokens)
    {
        var values = new string?[train.ColumnCount];
        foreach (var field in model.Tokenizer.Decode(tokens))
        {
            model.Vocabulary.TryGetColumn(field.Name, out var column);
            values[column] = field.Value;
        }
        return values;
    }

    /// <summary>
    /// Prompt-based label querying: the features are written in the table's order and the model is asked for the
    /// target, constrained to a class seen in training or a number in the column's bounds, for the whole batch at
    /// once. A numeric label is the median of <see cref="labelDraws"/> answers.
    /// </summary>
    private string?[]?[] QueryLabels(ConstrainedDecoder decoder, KeyValueCache cache, string?[]?[] rows, Random random)
    {
        var complete = rows.Select((values, index) => (values, index)).Where(row => row.values is not null).ToArray();
        var prompts = complete.Select(row => LabelPrompt(row.values!)).ToList();
        var draws = Enumerable.Range(0, labelDraws).Select(_ => AnswerLabels(decoder, cache, prompts, random)).ToArray();
        for (var i = 0; i < complete.Length; i++)
        {
            var (values, index) = complete[i];
            var answers = draws.Where(draw => draw[i].Answered).Select(draw => draw[i].Label).ToList();
            if (answers.Count == 0)
            {
                rows[index] = null;
                continue;
            }
            // A class label (one draw) is text; only a numeric label has a median.
            values![model.Target] = labelDraws == 1 ? answers[0] : Median(answers);
        }
        return rows;
    }

    private int[] LabelPrompt(string?[] values)
    {
        var features = labelQueryOrder.Columns.Where(column => column != model.Target)
            .Select(column => new RowField(train[column].Name, values[column]));
        return [.. model.Tokenizer.EncodePrefix(features), model.Vocabulary.NameToken(model.Target)];
    }

    /// <summary>One answer per label prompt; not answered where the row would not fit the cache.</summary>
    private (bool Answered, string? Label)[] AnswerLabels(ConstrainedDecoder decoder, KeyValueCache cache, List<int[]> prompts, Random random)
    {
        var states = prompts.Select(prompt =>
        {
            var state = grammar.Start(DecodingOrder.Fixed(labelQueryOrder));
            state.Advance(prompt);
            return state;
        }).ToList();
        var targetName = train[model.Target].Name;
        return [.. decoder.Complete(cache, prompts, states, random).Select(tokens => tokens is null
            ? (false, null)
            : (true, model.Tokenizer.Decode(tokens).Single(field => field.Name == targetName).Value))];
    }

    /// <summary>The middle answer by value (the lower middle of an even count); a null counts below every number.</summary>
    private static string? Median(List<string?> answers) =>
        answers.OrderBy(text => text is null ? double.NegativeInfinity : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ElementAt((answers.Count - 1) / 2);

    private static bool Parses(ColumnBuilder[] builders, string?[] values)
    {
        // Checked before any value is appended, so a bad row leaves no partial row behind.
        for (var column = 0; column < builders.Length; column++)
        {
            if (values[column] is { } text && !builders[column].CanParse(text))
            {
                return false;
            }
        }
        return true;
    }

    private static void Append(ColumnBuilder[] builders, string?[] values)
    {
        for (var column = 0; column < builders.Length; column++)
        {
            if (values[column] is { } text)
            {
                builders[column].TryAppendText(text);
            }
            else
            {
                builders[column].AppendNull();
            }
        }
    }
}
