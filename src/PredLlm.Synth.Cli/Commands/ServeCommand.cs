using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PredLlm.Synth.Job;
using PredLlm.Synth.Worker.Hosting;

namespace PredLlm.Synth.Cli.Commands;

/// <summary>
/// <c>predllm serve</c>: the hosted worker. Settings come from appsettings.json, environment variables
/// (<c>Storage__ConnectionString</c>) and <c>--Storage:ConnectionString=...</c> style arguments; with none
/// it serves the folder store <c>./storage/{inbox,published,quarantine,failed}</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Watch the inbox and publish a vetted synthetic copy of every table dropped there.")
        {
            // Everything after `serve` is host configuration (--Section:Key=value), read by the host builder.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder([.. parseResult.UnmatchedTokens]);
            builder.Services.AddWorkerLogging(builder.Configuration);
            builder.Services.AddSynthesisWorker(builder.Configuration);
            builder.Services.AddSingleton<IPipelineObserver, LoggingPipelineObserver>();
            builder.Services.AddSingleton<ISynthesisJob>(services => new SynthesisPipeline(new PipelineSettings(), services.GetRequiredService<IPipelineObserver>()));
            using var host = builder.Build();
            try
            {
                // Settings first, so that a mistake is reported as such before anything starts.
                host.Services.GetService<IStartupValidator>()?.Validate();
                await host.RunAsync(cancellationToken);
            }
            catch (Exception e) when (StartupValidation.FailuresOf(e).Count > 0)
            {
                foreach (var failure in StartupValidation.FailuresOf(e))
                {
                    await Console.Error.WriteLineAsync($"error: {failure}");
                }

                return ExitCodes.BadInput;
            }

            return ExitCodes.Released;
        });
        return command;
    }
}
