using Registry.Grains.Manifests;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

internal sealed partial class RepositoryGrain
{
    /// <summary>
    /// Referrers by subject, built on the first referrers request by reading every manifest of the
    /// repository once (distribution's layout has no referrers index, so a tree written by
    /// registry:2 works too), then kept up to date by puts and deletes. <c>null</c> until built.
    /// </summary>
    private Dictionary<Digest, Dictionary<Digest, ReferrerDescriptor>>? _referrers;

    public async Task<IReadOnlyList<ReferrerDescriptor>> ListReferrersAsync(Digest subject, string? artifactType)
    {
        if (_referrers is null)
        {
            await BuildReferrersAsync();
        }

        if (!_referrers!.TryGetValue(subject, out var referrers))
        {
            return [];
        }

        return referrers.Values
            .Where(referrer => artifactType is null || referrer.ArtifactType == artifactType)
            .OrderBy(referrer => referrer.Digest.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    private async Task BuildReferrersAsync()
    {
        var referrers = new Dictionary<Digest, Dictionary<Digest, ReferrerDescriptor>>();
        foreach (var digest in _revisions.ToList())
        {
            var content = await LoadManifestAsync(digest);
            if (content?.Subject is null)
            {
                continue;
            }

            var manifest = ManifestParser.Parse(content.Content, content.MediaType);
            Add(referrers, content, manifest);
        }

        // Puts and deletes never interleave with this read-only call, but another referrers request
        // may have built the index meanwhile; the first one kept wins.
        _referrers ??= referrers;
    }

    private void AddReferrer(ManifestContent content, ParsedManifest manifest)
    {
        if (_referrers is not null)
        {
            Add(_referrers, content, manifest);
        }
    }

    private void RemoveReferrer(Digest digest)
    {
        if (_referrers is null)
        {
            return;
        }

        foreach (var referrers in _referrers.Values)
        {
            referrers.Remove(digest);
        }
    }

    private static void Add(Dictionary<Digest, Dictionary<Digest, ReferrerDescriptor>> index, ManifestContent content, ParsedManifest manifest)
    {
        if (manifest.Subject is not { } subject)
        {
            return;
        }

        if (!index.TryGetValue(subject.Digest, out var referrers))
        {
            referrers = [];
            index[subject.Digest] = referrers;
        }

        referrers[content.Digest] = new ReferrerDescriptor(
            content.MediaType,
            content.Digest,
            content.Content.Length,
            manifest.ArtifactType,
            manifest.Annotations);
    }
}
