using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>storage.filesystem</c> section: the local-disk driver.</summary>
public sealed class FileSystemStorageSection : IValidatedSection
{
    /// <summary>The root directory distribution uses when none is given.</summary>
    public const string DefaultRootDirectory = "/var/lib/registry";

    /// <summary>The lowest <c>maxthreads</c> distribution accepts. A lower value is raised to it.</summary>
    public const int MinimumMaxThreads = 25;

    /// <summary><c>rootdirectory</c>: the directory that stores all registry data. Default <c>/var/lib/registry</c>.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = DefaultRootDirectory;

    /// <summary>
    /// <c>maxthreads</c>: the maximum number of blocking filesystem operations at once. Default 100, at least 25.
    /// </summary>
    [ConfigKey("maxthreads")]
    public int MaxThreads { get; set; } = 100;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (string.IsNullOrWhiteSpace(RootDirectory))
        {
            throw context.Invalid(this, "rootdirectory", "must be the path of a directory");
        }

        if (MaxThreads < MinimumMaxThreads)
        {
            context.Warn(this, "maxthreads", $"{context.PathOf(this, "maxthreads")} is {MaxThreads}, below the minimum of {MinimumMaxThreads}; {MinimumMaxThreads} is used, as distribution does");
            MaxThreads = MinimumMaxThreads;
        }
    }
}

/// <summary>The <c>storage.inmemory</c> section: the in-memory driver, which takes no parameters and keeps nothing across restarts.</summary>
public sealed class InMemoryStorageSection;
