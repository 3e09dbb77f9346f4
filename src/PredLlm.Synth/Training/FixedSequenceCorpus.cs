namespace PredLlm.Synth.Training;

/// <summary>A corpus whose training sequences are the same every epoch.</summary>
public sealed class FixedSequenceCorpus(
    IReadOnlyList<int[]> trainingSequences,
    IReadOnlyList<int[]> validationSequences,
    int vocabularySize,
    int padId) : ITrainingCorpus
{
    public int VocabularySize => vocabularySize;

    public int PadId => padId;

    public IReadOnlyList<int[]> ValidationSequences => validationSequences;

    public IReadOnlyList<int[]> TrainingSequences(int epoch, Random random) => trainingSequences;
}
