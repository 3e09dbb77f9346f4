using PredLlm.Synth.Tables;

namespace PredLlm.Synth.Quality;

/// <summary>Settings of one quality evaluation.</summary>
/// <param name="Target">Target column of ML efficacy; by default the last column (the design's rule when neither request nor policy names one).</param>
/// <param name="Task">Classification or regression; by default decided from the target column of the train split.</param>
/// <param name="Seed">Seeds every sample, fold, model and bootstrap: the same tables and seed give the same report.</param>
/// <param name="BootstrapReplicates">Resamples behind each 95% interval (pair trends may use fewer on wide tables).</param>
public sealed record QualityOptions(string? Target = null, PredictionTask? Task = null, int Seed = 0, int BootstrapReplicates = 200);
