using PredLlm.Synth.Model;
using PredLlm.Synth.Tables;
using PredLlm.Synth.Tokens;

namespace PredLlm.Synth.Training;

/// <summary>
/// A Pred-LLM model trained on one table: the decoder, the table's compact vocabulary, which column is the
/// target, the columns' definitions (so generated rows get exactly the train schema) and what training did.
/// </summary>
public sealed class TableModel(GptModel model, Vocabulary vocabulary, int target, IReadOnlyList<ColumnDefinition> columns, TrainingMetadata training)
    : IDisposable
{
    public GptModel Model { get; } = model;

    public Vocabulary Vocabulary { get; } = vocabulary;

    public RowTokenizer Tokenizer { get; } = new(vocabulary);

    /// <summary>Position of the target column in the table.</summary>
    public int Target { get; } = target;

    public IReadOnlyList<ColumnDefinition> Columns { get; } = columns;

    public TrainingMetadata Training { get; } = training;

    public void Dispose() => Model.Dispose();
}
