using PredLlm.Synth.Report;

namespace PredLlm.Synth.Tests.Report;

/// <summary>The report as a person sees it: rendered by headless Chromium, with no console error and not blank.</summary>
public class ReportInChromiumTests
{
    [Fact]
    public void The_report_renders_without_console_errors_and_is_not_blank()
    {
        var folder = Directory.CreateTempSubdirectory("predllm-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            File.WriteAllText(page, ReportHtmlWriter.Render(SampleReports.Passing));

            var rendering = HeadlessChromium.Render(page);

            Assert.Empty(rendering.ConsoleMessages);
            Assert.True(InkedShare(rendering.Screenshot) > 0.02, "The screenshot is (almost) blank.");
            // The verdict banner (green for PASS) is near the top.
            Assert.True(HasColourNear(rendering.Screenshot, (0x1b, 0x7f, 0x3b), maxY: 400));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_page_that_reaches_out_or_runs_script_is_caught()
    {
        // The check above must be able to fail: a page like the report but fetching an image and running a script.
        var folder = Directory.CreateTempSubdirectory("predllm-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "bad.html");
            var html = ReportHtmlWriter.Render(SampleReports.Passing)
                .Replace("</body>", "<img src=\"https://example.invalid/pixel.png\"><script>console.error('x')</script></body>", StringComparison.Ordinal);
            File.WriteAllText(page, html);

            var rendering = HeadlessChromium.Render(page, height: 600);

            Assert.NotEmpty(rendering.ConsoleMessages);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double InkedShare(PngImage image)
    {
        long inked = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (r < 240 || g < 240 || b < 240)
                {
                    inked++;
                }
            }
        }

        return (double)inked / ((long)image.Width * image.Height);
    }

    private static bool HasColourNear(PngImage image, (int R, int G, int B) colour, int maxY)
    {
        for (var y = 0; y < Math.Min(maxY, image.Height); y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (Math.Abs(r - colour.R) < 8 && Math.Abs(g - colour.G) < 8 && Math.Abs(b - colour.B) < 8)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
