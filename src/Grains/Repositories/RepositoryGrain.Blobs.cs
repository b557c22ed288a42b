using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

internal sealed partial class RepositoryGrain
{
    public async Task<long?> StatBlobAsync(Digest digest)
    {
        if (!_layers.Contains(digest) && !_revisions.Contains(digest))
        {
            return null;
        }

        return await Blob(digest).StatAsync();
    }

    public async Task LinkBlobAsync(Digest digest)
    {
        if (_layers.Contains(digest))
        {
            return;
        }

        await driver.PutContentAsync(RegistryLayout.LayerLink(_name, digest), RegistryLayout.LinkContent(digest));
        _layers.Add(digest);
        LogBlobLinked(logger, _name, digest);
    }

    public async Task<long?> MountBlobAsync(Digest digest, RepositoryName source)
    {
        if (source == _name)
        {
            return await StatBlobAsync(digest);
        }

        var sourceSize = await GrainFactory.GetGrain<IRepositoryGrain>(source.Value).StatBlobAsync(digest);
        if (sourceSize is null)
        {
            return null;
        }

        var size = await Blob(digest).ReferenceAsync();
        if (size is null)
        {
            return null;
        }

        await LinkBlobAsync(digest);
        return size;
    }

    public async Task<bool> UnlinkBlobAsync(Digest digest)
    {
        if (!_layers.Remove(digest))
        {
            return false;
        }

        await driver.DeleteIfExistsAsync(RegistryLayout.Layer(_name, digest));
        LogBlobUnlinked(logger, _name, digest);
        return true;
    }
}
