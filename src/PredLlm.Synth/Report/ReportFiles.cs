using System.Text;

namespace PredLlm.Synth.Report;

/// <summary>Writes a run's two reports into a folder: report.json and report.html.</summary>
public static class ReportFiles
{
    public const string JsonName = "report.json";
    public const string HtmlName = "report.html";

    /// <summary>Creates <paramref name="directory"/> if needed and writes both files, replacing earlier ones.</summary>
    public static async Task WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var json = File.Create(Path.Combine(directory, JsonName));
        await using (json.ConfigureAwait(false))
        {
            ReportJsonWriter.Write(report, json);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, HtmlName), ReportHtmlWriter.Render(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
