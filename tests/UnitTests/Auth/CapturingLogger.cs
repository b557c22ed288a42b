using Microsoft.Extensions.Logging;

namespace Registry.UnitTests.Auth;

/// <summary>A logged message: level, event id and the formatted text.</summary>
public sealed record LogEntry(LogLevel Level, int EventId, string Message);

/// <summary>A logger factory whose loggers record every message, so tests can check what reached the log.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private sealed class CapturingLogger(CapturingLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>A clock that stands still at <see cref="Now"/> until a test moves it.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
