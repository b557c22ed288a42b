using System.Security.Cryptography;
using Registry.Grains.Catalog;
using Registry.Grains.Errors;
using Registry.Grains.Manifests;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

internal sealed partial class RepositoryGrain
{
    /// <summary>
    /// Stores a manifest:
    /// 1. parse and validate it, and check that <paramref name="digest"/> is its digest;
    /// 2. check every referenced blob and child manifest exists here, recording a reference on each blob grain;
    /// 3. store the content as a blob, then the revision link, then the tag links;
    /// 4. update memory and the catalog.
    /// </summary>
    public async Task<ManifestPutResult> PutManifestAsync(byte[] content, string? contentType, Digest digest, Tag? tag)
    {
        // 1. validate
        var manifest = Parse(content, contentType);
        var actual = ComputeDigest(content, digest.Algorithm);
        if (actual != digest)
        {
            throw new RegistryException(
                RegistryErrorCode.DigestInvalid,
                $"the manifest content has digest {actual}, not {digest}",
                digest.ToString());
        }

        // 2. references
        await EnsureReferencesExistAsync(manifest);

        // 3. storage
        await Blob(digest).StoreContentAsync(content);
        var wasEmpty = _revisions.Count == 0;
        if (!_revisions.Contains(digest))
        {
            await driver.PutContentAsync(RegistryLayout.ManifestRevisionLink(_name, digest), RegistryLayout.LinkContent(digest));
        }

        if (tag is { } newTag)
        {
            await driver.PutContentAsync(RegistryLayout.TagIndexLink(_name, newTag, digest), RegistryLayout.LinkContent(digest));
            await driver.PutContentAsync(RegistryLayout.TagCurrentLink(_name, newTag), RegistryLayout.LinkContent(digest));
        }

        // 4. memory and catalog
        _revisions.Add(digest);
        if (tag is { } storedTag)
        {
            _tags[storedTag.Value] = digest;
            _tagNames.Add(storedTag.Value);
            _allTags = null;
        }

        var stored = new ManifestContent(digest, manifest.MediaType, content, manifest.Subject?.Digest);
        _manifests.Add(stored);
        AddReferrer(stored, manifest);
        if (wasEmpty)
        {
            await GrainFactory.GetGrain<ICatalogGrain>(0).AddAsync(_name);
        }

        LogManifestStored(logger, _name, digest, tag?.Value);
        return new ManifestPutResult(digest, manifest.Subject?.Digest);
    }

    public Task<ManifestContent?> GetManifestByTagAsync(Tag tag) =>
        _tags.TryGetValue(tag.Value, out var digest) ? GetManifestByDigestAsync(digest) : Task.FromResult<ManifestContent?>(null);

    public async Task<ManifestContent?> GetManifestByDigestAsync(Digest digest)
    {
        if (!_revisions.Contains(digest))
        {
            return null;
        }

        if (_manifests.TryGet(digest, out var cached))
        {
            return cached;
        }

        var loaded = await LoadManifestAsync(digest);
        if (loaded is not null)
        {
            _manifests.Add(loaded);
        }

        return loaded;
    }

    public async Task<bool> DeleteManifestAsync(Digest digest)
    {
        if (!_revisions.Contains(digest))
        {
            return false;
        }

        var tags = _tags.Where(pair => pair.Value == digest).Select(pair => pair.Key).ToList();
        foreach (var name in tags)
        {
            await driver.DeleteIfExistsAsync(RegistryLayout.Tag(_name, Tag.Parse(name)));
            _tags.Remove(name);
            _tagNames.Remove(name);
            _allTags = null;
        }

        await driver.DeleteIfExistsAsync(RegistryLayout.ManifestRevision(_name, digest));
        _revisions.Remove(digest);
        _manifests.Remove(digest);
        RemoveReferrer(digest);
        LogManifestDeleted(logger, _name, digest, tags.Count);
        return true;
    }

    private static ParsedManifest Parse(byte[] content, string? contentType)
    {
        try
        {
            return ManifestParser.Parse(content, contentType);
        }
        catch (ManifestInvalidException exception)
        {
            throw new RegistryException(RegistryErrorCode.ManifestInvalid, exception.Message);
        }
    }

    private static Digest ComputeDigest(byte[] content, string algorithm) => algorithm == Digest.Sha512
        ? Digest.FromHash(Digest.Sha512, SHA512.HashData(content))
        : Digest.FromHash(Digest.Sha256, SHA256.HashData(content));

    private async Task EnsureReferencesExistAsync(ParsedManifest manifest)
    {
        foreach (var reference in manifest.References)
        {
            var linked = reference.IsManifest ? _revisions.Contains(reference.Digest) : _layers.Contains(reference.Digest) || _revisions.Contains(reference.Digest);
            if (!linked)
            {
                throw UnknownReference(reference);
            }
        }

        var checks = manifest.References
            .Select(reference => reference.Digest)
            .Distinct()
            .Select(async digest => (Digest: digest, Size: await Blob(digest).ReferenceAsync()))
            .ToList();
        foreach (var check in await Task.WhenAll(checks))
        {
            if (check.Size is null)
            {
                throw UnknownReference(manifest.References.First(reference => reference.Digest == check.Digest));
            }
        }
    }

    private RegistryException UnknownReference(ManifestReference reference) => new(
        RegistryErrorCode.ManifestBlobUnknown,
        reference.IsManifest
            ? $"the manifest references manifest {reference.Digest}, which is not in repository {_name}; push it first"
            : $"the manifest references blob {reference.Digest}, which is not in repository {_name}; push it first",
        reference.Digest.ToString());

    private async Task<ManifestContent?> LoadManifestAsync(Digest digest)
    {
        byte[] content;
        try
        {
            content = await driver.GetContentAsync(RegistryLayout.BlobData(digest));
        }
        catch (PathNotFoundException exception)
        {
            LogManifestUnreadable(logger, _name, digest, exception);
            return null;
        }

        try
        {
            var manifest = ManifestParser.Parse(content, null);
            return new ManifestContent(digest, manifest.MediaType, content, manifest.Subject?.Digest);
        }
        catch (ManifestInvalidException exception)
        {
            // Stored by an older registry (a schema 1 manifest, say): serve it with the type it declares.
            LogManifestUnreadable(logger, _name, digest, exception);
            return new ManifestContent(digest, StoredMediaType.Detect(content), content, null);
        }
    }
}
