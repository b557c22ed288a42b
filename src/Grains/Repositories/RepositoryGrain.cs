using Microsoft.Extensions.Logging;
using Registry.Grains.Blobs;
using Registry.Grains.Catalog;
using Registry.Grains.Errors;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

/// <summary>
/// Owns one repository's tags, manifest revisions, layer links and referrers. On activation it
/// reads the tags, revisions and layer links from storage into memory. Every change is written
/// to storage before the call returns, so a new activation elsewhere loads the same state.
/// </summary>
// Idle repositories leave memory after 2 minutes rather than after Orleans' longer default, so a
// registry with many repositories holds only the recently used ones; one reloads with a few lists.
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class RepositoryGrain(IStorageDriver driver, ILogger<RepositoryGrain> logger) : Grain, IRepositoryGrain
{
    /// <summary>Concurrent storage reads while loading a repository.</summary>
    private const int LoadParallelism = 16;

    private readonly Dictionary<string, Digest> _tags = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tagNames = new(StringComparer.Ordinal);
    private readonly HashSet<Digest> _revisions = [];
    private readonly HashSet<Digest> _layers = [];
    private readonly ManifestCache _manifests = new();

    /// <summary>
    /// The listing of every tag, kept until a tag changes. Returning the same instance lets the
    /// gateway reuse what it built from it (see the tags endpoint); <c>null</c> when stale.
    /// </summary>
    private NamePage? _allTags;
    private RepositoryName _name;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _name = RepositoryName.Parse(this.GetPrimaryKeyString());
        await LoadLinksAsync(RegistryLayout.ManifestRevisions(_name), _revisions, cancellationToken);
        await LoadLinksAsync(RegistryLayout.Layers(_name), _layers, cancellationToken);
        await LoadTagsAsync(cancellationToken);
        LogLoaded(logger, _name, _tags.Count, _revisions.Count, _layers.Count);
    }

    public Task<NamePage> ListTagsAsync(string? last, int limit)
    {
        // distribution returns NAME_UNKNOWN for a repository with no tags directory. A repository that
        // still has untagged manifests exists and lists no tags.
        if (_tags.Count == 0 && _revisions.Count == 0)
        {
            throw new RegistryException(RegistryErrorCode.NameUnknown, $"repository {_name} is not known to the registry");
        }

        if (string.IsNullOrEmpty(last) && limit >= _tagNames.Count)
        {
            _allTags ??= Paging.Page(_tagNames, null, _tagNames.Count);
            return Task.FromResult(_allTags);
        }

        return Task.FromResult(Paging.Page(_tagNames, last, limit));
    }

    public async Task<bool> DeleteTagAsync(Tag tag)
    {
        if (!_tags.Remove(tag.Value))
        {
            return false;
        }

        _tagNames.Remove(tag.Value);
        _allTags = null;
        await driver.DeleteIfExistsAsync(RegistryLayout.Tag(_name, tag));
        LogTagDeleted(logger, _name, tag);
        return true;
    }

    private IBlobGrain Blob(Digest digest) => GrainFactory.GetGrain<IBlobGrain>(digest.ToString());

    /// <summary>
    /// Reads the digests under <c>&lt;root&gt;/&lt;algorithm&gt;/&lt;hex&gt;/link</c>. The directory name is
    /// what distribution trusts, so a link directory counts when its name is a valid digest.
    /// </summary>
    private async Task LoadLinksAsync(string root, HashSet<Digest> target, CancellationToken cancellationToken)
    {
        foreach (var algorithm in new[] { Digest.Sha256, Digest.Sha512 })
        {
            IReadOnlyList<string> entries;
            try
            {
                entries = await driver.ListAsync($"{root}/{algorithm}", cancellationToken);
            }
            catch (PathNotFoundException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var hex = entry[(entry.LastIndexOf('/') + 1)..];
                if (Digest.TryParse($"{algorithm}:{hex}", out var digest))
                {
                    target.Add(digest);
                }
            }
        }
    }

    private async Task LoadTagsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> entries;
        try
        {
            entries = await driver.ListAsync(RegistryLayout.Tags(_name), cancellationToken);
        }
        catch (PathNotFoundException)
        {
            return;
        }

        var tags = entries
            .Select(entry => entry[(entry.LastIndexOf('/') + 1)..])
            .Select(name => Tag.TryParse(name, out var tag, out _) ? tag : (Tag?)null)
            .OfType<Tag>()
            .ToList();
        var targets = new Digest?[tags.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tags.Count),
            new ParallelOptions { MaxDegreeOfParallelism = LoadParallelism, CancellationToken = cancellationToken },
            async (index, token) => targets[index] = await ReadLinkAsync(RegistryLayout.TagCurrentLink(_name, tags[index]), token));

        for (var i = 0; i < tags.Count; i++)
        {
            if (targets[i] is { } digest)
            {
                _tags[tags[i].Value] = digest;
                _tagNames.Add(tags[i].Value);
            }
        }
    }

    private async Task<Digest?> ReadLinkAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var content = await driver.GetContentAsync(path, cancellationToken);
            var digest = RegistryLayout.ParseLink(content);
            if (digest is null)
            {
                LogLinkUnreadable(logger, path);
            }

            return digest;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }
}
