using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;

/// <summary>Keeps every entry logged through the providers' loggers: its category, event id and level.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, int EventId, LogLevel Level)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string Category, int EventId, LogLevel Level)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, eventId.Id, logLevel));
    }
}
