using Microsoft.Extensions.Options;

namespace PredLlm.Synth.Worker.Hosting;

/// <summary>Turns the host's refusal of invalid settings at start into the messages a user acts on.</summary>
public static class StartupValidation
{
    /// <summary>The messages of every setting rejected at start; empty when <paramref name="error"/> is about something else.</summary>
    public static IReadOnlyList<string> FailuresOf(Exception error) => error switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many when many.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(invalid => invalid.Failures)],
        _ => [],
    };
}
