using PredLlm.Synth.Model;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Training;

/// <summary>What a policy may set about training a table's model.</summary>
public sealed record TableTrainingOptions
{
    public TrainingOptions Training { get; init; } = new();

    public ModelSizeBounds Size { get; init; } = ModelSizeBounds.Default;
}

/// <summary>
/// Trains a Pred-LLM model on a table: codes each one-hot group as one column (<see cref="OneHotCoding"/>),
/// builds the compact vocabulary from the train and validation values, writes the rows as Pred-LLM sequences,
/// sizes a decoder from the table and trains it with early stopping on the validation rows. The holdout never
/// comes here.
/// </summary>
public static class TableModelTrainer
{
    public static TableModel Train(
        Table train,
        Table validation,
        string target,
        TableTrainingOptions options,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        var targetColumn = train.IndexOf(target);
        if (targetColumn < 0)
        {
            throw new BadInputException($"The target column '{target}' is not in the table.");
        }
        if (train.RowCount == 0)
        {
            throw new BadInputException("There are no rows to train on.");
        }

        var coding = OneHotCoding.For(train, targetColumn);
        var modelTrain = coding.Collapse(train);
        var modelValidation = coding.Collapse(validation);
        var modelTarget = modelTrain.IndexOf(target);
        var names = modelTrain.Columns.Select(column => column.Name).ToArray();
        var values = PredLlmCorpus.RowValues(modelTrain).Concat(PredLlmCorpus.RowValues(modelValidation)).SelectMany(row => row);
        var vocabulary = Vocabulary.Build(names, values, [.. modelTrain.Columns.Select(MagnitudeScale.For)]);
        var corpus = new PredLlmCorpus(new RowTokenizer(vocabulary), modelTrain, modelValidation, modelTarget, options.Training.Seed);
        var config = ModelSizing.Choose(corpus.RowCount, corpus.MeanTokensPerRow, corpus.LongestSequence, vocabulary.Count, options.Size)
            with { ColumnNames = new ColumnNameTokens(vocabulary.NameToken(0), names.Length) };
        var model = new GptModel(config, options.Training.Seed);
        try
        {
            var metadata = LanguageModelTrainer.Train(model, corpus, options.Training, progress, cancellationToken);
            return new TableModel(model, vocabulary, modelTarget, coding, metadata);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
