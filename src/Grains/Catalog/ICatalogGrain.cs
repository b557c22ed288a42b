using Registry.Storage.Layout;

namespace Registry.Grains.Catalog;

/// <summary>The sorted list of repositories that hold manifests; one activation (key 0) serves the registry.</summary>
public interface ICatalogGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task AddAsync(RepositoryName repository);

    /// <summary>Returns up to <paramref name="limit"/> names after <paramref name="last"/>, and whether more follow.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<NamePage> ListAsync(string? last, int limit);
}

/// <summary>One page of a sorted name listing.</summary>
[GenerateSerializer, Immutable]
public sealed record NamePage([property: Id(0)] IReadOnlyList<string> Names, [property: Id(1)] bool HasMore);
