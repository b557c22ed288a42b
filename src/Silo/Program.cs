using System.Collections;
using System.Reflection;
using Registry.Silo.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Gateway.Auth;
using Registry.Silo.Hosting;
using Registry.Silo.Hosting.Storage;
using Registry.Storage.Drivers;

// The command line of distribution's registry: `registry serve [config.yml]` and `registry --version`.
return await Registry.Silo.RegistryCommand.RunAsync(args);

namespace Registry.Silo
{
    internal static class RegistryCommand
    {
        private const string Usage = """
            Usage:
              registry serve [config.yml]   run the registry (built-in defaults without a file)
              registry --version            print the version
            """;

        public static async Task<int> RunAsync(string[] args)
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 1 : 0;
            }

            if (args[0] is "--version" or "-v" or "version")
            {
                Console.WriteLine($"registry {Version()}");
                return 0;
            }

            if (args[0] != "serve")
            {
                Console.Error.WriteLine($"registry: unknown command '{args[0]}'");
                Console.Error.WriteLine(Usage);
                return 1;
            }

            WebApplication app;
            RegistryConfiguration configuration;
            IStorageDriver driver;
            try
            {
                var environment = Environment.GetEnvironmentVariables()
                    .Cast<DictionaryEntry>()
                    .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);
                var path = args.Length > 1 ? args[1] : environment.GetValueOrDefault("REGISTRY_CONFIGURATION_PATH");
                configuration = string.IsNullOrEmpty(path)
                    ? ConfigurationLoader.LoadDefaults(environment)
                    : ConfigurationLoader.LoadFile(path, environment);
                app = RegistryHost.Build(configuration, extras: HostOptionsMapping.From(configuration));

                // The driver is created here, not by the first request, so that its configuration errors stop start-up.
                driver = app.Services.GetRequiredService<IStorageDriver>();
            }
            catch (Exception exception) when (exception is ConfigurationException or AuthConfigurationException)
            {
                Console.Error.WriteLine($"registry: {exception.Message}");
                return 1;
            }

            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            StartupReport.Log(loggers, configuration);
            var failure = await StorageStartupCheck.FindFailureAsync(
                driver, StorageStartupCheck.DescribeTarget(configuration.Storage, Environment.GetEnvironmentVariable(GcsDriverSetup.EmulatorHostVariable)), loggers.CreateLogger("Registry.Startup"), StorageStartupCheck.DefaultTimeout);
            if (failure is not null)
            {
                // Disposing the host flushes the console logger, which writes from a queue.
                await app.DisposeAsync();
                Console.Error.WriteLine($"registry: {failure}");
                return 1;
            }

            try
            {
                await app.RunAsync();
            }
            catch (IOException exception) when (exception.InnerException is AddressInUseException)
            {
                // RunAsync has already disposed the host, which flushed the log.
                Console.Error.WriteLine($"registry: {exception.Message} Stop the process that listens there, or set http.addr to a free address.");
                return 1;
            }

            return 0;
        }

        private static string Version() =>
            typeof(RegistryCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "unknown";
    }
}
