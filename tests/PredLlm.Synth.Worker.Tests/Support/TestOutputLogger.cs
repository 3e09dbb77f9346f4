using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace PredLlm.Synth.Worker.Tests.Support;

/// <summary>Writes a replica's log to the test's output, prefixed with the replica's name.</summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output, string replica) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, replica, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, string replica, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {replica} {logLevel} {category}: {formatter(state, exception)}";
            try
            {
                output.WriteLine(exception is null ? line : $"{line}\n  {exception.GetType().Name}: {exception.Message}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; a replica still winding down has nobody to tell.
            }
        }
    }
}
