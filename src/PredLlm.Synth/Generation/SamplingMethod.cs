using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Generation;

/// <summary>How generation starts each row and where its label comes from.</summary>
public enum SamplingMethod
{
    /// <summary>
    /// Pred-LLM: each feature in turn starts ceil(N/M) rows from a value of its train marginal, the model
    /// writes the other features, and the label is then asked for with the features in the table's order as
    /// the prompt.
    /// </summary>
    PredLlm,

    /// <summary>GReaT: start from a value of a random column (the target included), keep the label the model wrote.</summary>
    GreatStyle,

    /// <summary>Start from a label drawn from the train class distribution, then let the model write the features.</summary>
    ClassConditional,
}

/// <summary>Settings of one generation run.</summary>
/// <param name="Temperature">Softmax temperature; the paper's reference samples at 0.7.</param>
/// <param name="BatchSize">Rows decoded together (one key/value cache).</param>
/// <param name="Method">How rows start and where labels come from.</param>
/// <param name="Streams">
/// Batches decoded at the same time, each on its own thread with one-threaded tensor operations; null means one
/// per core. A decode step is many small operations, and splitting each of them across the cores costs more in
/// synchronisation than it gains. The table does not depend on the number of streams.
/// </param>
/// <param name="LabelTemperature">
/// A classification target's softmax temperature; null for <paramref name="Temperature"/>. A numeric target is
/// always sampled at <paramref name="Temperature"/>.
/// </param>
/// <param name="NumericLabelDraws">
/// How many times Pred-LLM asks for a numeric target (integer, real or decimal regression target); the label is the
/// median of the answers.
/// </param>
public sealed record GenerationOptions(
    double Temperature = 0.7, int BatchSize = 256, SamplingMethod Method = SamplingMethod.PredLlm, int? Streams = null,
    double? LabelTemperature = GenerationOptions.DefaultLabelTemperature, int NumericLabelDraws = GenerationOptions.DefaultNumericLabelDraws)
{
    /// <summary>
    /// One draw of a number carries the model's whole conditional spread; the median of five keeps a typical answer
    /// (abalone's R^2 from 0.398 to 0.444 with the same model; README, "A numeric label").
    /// </summary>
    public const int DefaultNumericLabelDraws = 5;

    /// <summary>
    /// A class label close to the model's most likely class: on the 20 benchmark tables it lifted the mean TSTR from
    /// 0.829 to 0.835 and the tables at 95% of TRTR from 13 to 15 (README, "The label's temperature").
    /// </summary>
    public const double DefaultLabelTemperature = 0.05;

    /// <summary>The streams to decode with: <see cref="Streams"/>, or the machine's cores.</summary>
    public int StreamCount => Math.Max(1, Streams ?? Environment.ProcessorCount);
}

/// <summary>A generated table and how many decoded rows it took.</summary>
/// <param name="Table">Exactly the train schema; the rows asked for.</param>
/// <param name="RowsAttempted">Rows decoded, including any that could not become a valid row.</param>
/// <param name="RowsValid">
/// Decoded rows that were valid rows of the schema, including those left out to keep the train class shares.
/// </param>
public sealed record GeneratedTable(Table Table, int RowsAttempted, int RowsValid)
{
    /// <summary>Share of decoded rows that were valid rows of the schema.</summary>
    public double ValidRowRate => RowsAttempted == 0 ? 1 : RowsValid / (double)RowsAttempted;
}
