using System.Net;

namespace PredLlm.Synth.Report;

/// <summary>HTML escaping for every text the report writes: column names, category labels, reasons, file names.</summary>
internal static class Html
{
    /// <summary>Escapes &amp;, &lt;, &gt;, quotes and apostrophes, so the text is safe as element content and as an attribute value.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
