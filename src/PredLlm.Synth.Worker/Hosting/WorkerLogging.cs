using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace PredLlm.Synth.Worker.Hosting;

/// <summary>
/// Serilog to the console. Every event is structured (table, run, stage, durations are properties);
/// the default output is one readable line per event, and the <c>Serilog</c> configuration section can
/// change levels or the sinks, e.g. JSON lines for a log collector (see pipelines/kubernetes/worker.yaml).
/// </summary>
public static class WorkerLogging
{
    private const string Template = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static IServiceCollection AddWorkerLogging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog(logger =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Azure", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .ReadFrom.Configuration(configuration);
            if (!configuration.GetSection("Serilog:WriteTo").Exists())
            {
                logger.WriteTo.Console(outputTemplate: Template, formatProvider: CultureInfo.InvariantCulture);
            }
        });
}
