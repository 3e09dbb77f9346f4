using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace PredLlm.Synth.Worker.Hosting;

/// <summary>Serilog to the console: one line per event with its structured properties (table, run, stage, durations).</summary>
public static class WorkerLogging
{
    private const string Template =
        "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>Levels and overrides come from the <c>Serilog</c> configuration section (e.g. <c>Serilog:MinimumLevel:Default</c>).</summary>
    public static IServiceCollection AddWorkerLogging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog(logger => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Azure", Serilog.Events.LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
}
