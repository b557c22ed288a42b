using Microsoft.Extensions.Logging;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Catalog;

/// <summary>
/// Keeps the sorted set of repository names in memory. On activation it walks the repositories
/// tree once, the way distribution finds repositories: a directory that has a <c>_manifests</c>
/// child is a repository, and directories whose names start with <c>_</c> are never descended.
/// </summary>
internal sealed partial class CatalogGrain(IStorageDriver driver, ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await WalkAsync(RegistryLayout.RepositoriesRoot, cancellationToken);
        LogLoaded(logger, _names.Count);
    }

    public Task AddAsync(RepositoryName repository)
    {
        _names.Add(repository.Value);
        return Task.CompletedTask;
    }

    public Task<NamePage> ListAsync(string? last, int limit) => Task.FromResult(Paging.Page(_names, last, limit));

    private async Task WalkAsync(string directory, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await driver.ListAsync(directory, cancellationToken);
        }
        catch (PathNotFoundException)
        {
            return;
        }

        foreach (var child in children)
        {
            var name = child[(child.LastIndexOf('/') + 1)..];
            if (name == RegistryLayout.ManifestsDirectory)
            {
                var repository = directory[(RegistryLayout.RepositoriesRoot.Length + 1)..];
                if (RepositoryName.TryParse(repository, out _, out _))
                {
                    _names.Add(repository);
                }
            }
            else if (!name.StartsWith('_'))
            {
                var info = await driver.StatAsync(child, cancellationToken);
                if (info.IsDirectory)
                {
                    await WalkAsync(child, cancellationToken);
                }
            }
        }
    }

    [LoggerMessage(EventId = Logging.GrainEventIds.CatalogLoaded, Level = LogLevel.Information, Message = "Loaded the catalog: {Count} repositories")]
    private static partial void LogLoaded(ILogger logger, int count);
}
