using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>
/// A real Azurite blob service on loopback for the test run: installs the pinned package with
/// <c>npm ci</c> when its node_modules are missing, starts it in memory on a port the OS picks, and
/// stops it at the end. Each test makes its own containers, so tests share the server but no state.
/// </summary>
public sealed partial class AzuriteServer : IAsyncLifetime
{
    // Azurite's published development account: a fixed, public key that only works against the emulator.
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var directory = typeof(AzuriteServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "AzuriteDirectory").Value!;
        var entryPoint = Path.Combine(directory, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(entryPoint))
        {
            await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, InstallTimeout);
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                entryPoint, "--silent", "--disableTelemetry", "--inMemoryPersistence", "--extentMemoryLimit", "1024",
                "--blobHost", "127.0.0.1", "--blobPort", "0",
            },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var port = await ReadListeningPortAsync(_process);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/{DevelopmentAccount};";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<int> ReadListeningPortAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var output = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // Keep draining so that a full pipe never blocks the server.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException($"Azurite did not start:\n{string.Join('\n', output)}\n{errors}");
    }

    private static async Task RunToEndAsync(string fileName, string[] arguments, string directory, TimeSpan limit)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed in {directory}:\n{await output}\n{await errors}");
        }
    }

    [GeneratedRegex(@"listens on http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
