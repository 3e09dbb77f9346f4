namespace PredLlm.Synth.Training;

/// <summary>
/// The token sequences a language model trains on. Each sequence is one row written as text and encoded with
/// the table's compact vocabulary, from its begin token to its end token; padding is added by the trainer.
/// </summary>
public interface ITrainingCorpus
{
    /// <summary>Number of token ids, specials included.</summary>
    int VocabularySize { get; }

    /// <summary>The id the trainer pads short sequences with (never predicted, never counted in the loss).</summary>
    int PadId { get; }

    /// <summary>
    /// The sequences of one epoch, in any order (the trainer shuffles). A corpus may vary them per epoch, as
    /// Pred-LLM does with a fresh feature order, drawing only from <paramref name="random"/> so that a seed
    /// fixes them.
    /// </summary>
    IReadOnlyList<int[]> TrainingSequences(int epoch, Random random);

    /// <summary>The held-out sequences whose loss decides early stopping; empty when there are none.</summary>
    IReadOnlyList<int[]> ValidationSequences { get; }

    /// <summary>
    /// Index of the first token of <paramref name="sequence"/>'s target value, whose prediction the loss weighs
    /// by <see cref="TrainingOptions.TargetLossWeight"/>; the sequence's length when it has no target.
    /// </summary>
    int TargetStart(int[] sequence) => sequence.Length;
}
