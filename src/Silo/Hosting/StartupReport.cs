using System.Reflection;
using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>Logs, once at start-up, what the configuration set and what of it this version ignores.</summary>
internal static partial class StartupReport
{
    public static void Log(ILoggerFactory loggers, RegistryConfiguration configuration)
    {
        var logger = loggers.CreateLogger("Registry.Startup");
        var version = typeof(StartupReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        LogStarting(logger, version ?? "unknown", configuration.StorageDriver, configuration.HttpAddress);
        foreach (var warning in configuration.Warnings)
        {
            LogWarning(logger, warning.Location, warning.Text);
        }

        foreach (var notice in configuration.Notices)
        {
            LogNotice(logger, notice.Location, notice.Text);
        }
    }

    [LoggerMessage(EventId = HostEventIds.RegistryStarting, Level = LogLevel.Information, Message = "Starting registry {Version} with the {Driver} storage driver on {Address}")]
    private static partial void LogStarting(ILogger logger, string version, string driver, string address);

    [LoggerMessage(EventId = HostEventIds.ConfigurationWarning, Level = LogLevel.Warning, Message = "Configuration {Location}: {Text}")]
    private static partial void LogWarning(ILogger logger, string location, string text);

    [LoggerMessage(EventId = HostEventIds.ConfigurationNotice, Level = LogLevel.Warning, Message = "Configuration {Location}: {Text}")]
    private static partial void LogNotice(ILogger logger, string location, string text);
}
