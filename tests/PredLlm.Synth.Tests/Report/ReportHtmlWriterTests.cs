using PredLlm.Synth.Privacy;
using PredLlm.Synth.Report;

namespace PredLlm.Synth.Tests.Report;

public class ReportHtmlWriterTests
{
    private static readonly string Page = ReportHtmlWriter.Render(SampleReports.Passing);

    [Fact]
    public void Every_name_and_label_is_escaped_so_no_markup_from_the_data_gets_through()
    {
        Assert.DoesNotContain("<script", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", Page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", Page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;high&lt;/b&gt;", Page, StringComparison.Ordinal);
        Assert.Contains("a&amp;b low", Page, StringComparison.Ordinal);
        Assert.Contains("customers &amp; &lt;co&gt;", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_no_rare_value_no_extreme_value_and_fetches_nothing()
    {
        Assert.DoesNotContain(SampleReports.RarePerson, Page, StringComparison.Ordinal);
        Assert.DoesNotContain("987654", Page, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", Page, StringComparison.Ordinal);
        Assert.DoesNotContain("https:", Page, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", Page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", Page, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_comes_first_then_privacy_then_quality_then_how_it_was_made()
    {
        int At(string marker) => Page.IndexOf(marker, StringComparison.Ordinal);

        Assert.True(At("id=\"verdict\"") < At("id=\"privacy\""));
        Assert.True(At("id=\"privacy\"") < At("id=\"quality\""));
        Assert.True(At("id=\"quality\"") < At("id=\"provenance\""));
        Assert.Contains("<strong>PASS</strong>", Page, StringComparison.Ordinal);
        // One distribution per column (4), then the real, synthetic and difference heat maps.
        Assert.Equal(4, Page.Split("class=\"chart\"").Length - 1);
        Assert.Equal(3, Page.Split("class=\"heatmap\"").Length - 1);
    }

    [Fact]
    public void Figures_carry_at_most_three_decimals()
    {
        Assert.Contains("0.491 [0.471, 0.512]", Page, StringComparison.Ordinal);
        Assert.DoesNotContain("0.4912", Page, StringComparison.Ordinal);
        Assert.Empty(System.Text.RegularExpressions.Regex.Matches(Page, @"\d\.\d{4,}"));
    }

    [Fact]
    public void A_rejected_table_says_so_in_its_banner()
    {
        var page = ReportHtmlWriter.Render(SampleReports.Build(GateVerdict.Reject));

        Assert.Contains("class=\"verdict reject\"", page, StringComparison.Ordinal);
        Assert.Contains("too close", page, StringComparison.Ordinal);
    }
}
