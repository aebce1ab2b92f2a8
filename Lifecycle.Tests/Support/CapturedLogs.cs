using Microsoft.Extensions.Logging;

namespace Lifecycle.Tests.Support;

/// <summary>A logger provider that keeps every entry written (category, level, message, exception), for tests of what the app logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logs._entries)
            {
                logs._entries.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
