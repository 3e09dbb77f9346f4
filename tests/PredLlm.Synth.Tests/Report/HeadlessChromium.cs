using System.Diagnostics;

namespace PredLlm.Synth.Tests.Report;

/// <summary>
/// Renders a local HTML file in Debian's headless Chromium: a screenshot, and every console message
/// the page caused (Chromium logs them to stderr as ":CONSOLE" lines with --enable-logging=stderr).
/// When /usr/bin/chromium is missing, the first use installs Debian's package with apt-get (the tests
/// run as root, as on the developers' and CI machines).
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";
    private static readonly Lazy<bool> Installed = new(Install);

    public sealed record Rendering(int ExitCode, IReadOnlyList<string> ConsoleMessages, PngImage Screenshot);

    public static Rendering Render(string htmlFile, int width = 1200, int height = 2400)
    {
        Assert.True(Installed.Value, $"{Executable} is missing and 'apt-get install -y chromium' did not provide it.");
        var work = Directory.CreateTempSubdirectory("predllm-chromium-");
        try
        {
            var screenshot = Path.Combine(work.FullName, "page.png");
            var (exitCode, _, stderr) = Run(Executable, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                "--enable-logging=stderr", "--v=0", $"--window-size={width},{height}", $"--screenshot={screenshot}",
                new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
            ], TimeSpan.FromMinutes(2));
            var console = stderr.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
            Assert.True(File.Exists(screenshot), $"Chromium wrote no screenshot (exit {exitCode}): {stderr}");
            return new Rendering(exitCode, console, PngImage.Read(screenshot));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static bool Install()
    {
        if (File.Exists(Executable))
        {
            return true;
        }

        // The package lists may be stale or absent on a fresh machine: update once, then install.
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        Run("apt-get", ["update"], TimeSpan.FromMinutes(5), environment);
        Run("apt-get", ["install", "-y", "chromium"], TimeSpan.FromMinutes(10), environment);
        return File.Exists(Executable);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
