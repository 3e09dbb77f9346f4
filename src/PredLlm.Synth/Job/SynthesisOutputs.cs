namespace PredLlm.Synth.Job;

/// <summary>The file names a job writes into its output directory, as users find them in storage.</summary>
public static class SynthesisOutputs
{
    public const string SyntheticTable = "synthetic.parquet";
    public const string ReportJson = "report.json";
    public const string ReportHtml = "report.html";
}
