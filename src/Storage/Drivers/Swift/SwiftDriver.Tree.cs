namespace Registry.Storage.Drivers.Swift;

/// <summary>Move and delete, which act on a manifest and its segments together.</summary>
public sealed partial class SwiftDriver
{
    /// <summary>
    /// Moves a file in three steps. First it writes the destination: a server-side copy of a plain object, or a copy of
    /// a large object's manifest, so that the segments are shared rather than copied. Then it deletes the source object,
    /// and last the segments of the object that the destination replaced.
    /// </summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, sourcePath);
        StoragePath.Validate(Name, destinationPath);
        await StartAsync(cancellationToken);
        var sourceName = Names.ObjectName(sourcePath);
        var destinationName = Names.ObjectName(destinationPath);
        var source = await SwiftLargeObjects.DescribeAsync(Client, sourceName, sourcePath, cancellationToken)
            ?? throw new PathNotFoundException(Name, sourcePath);
        if (sourceName == destinationName)
        {
            return;
        }

        var replaced = await SwiftLargeObjects.DescribeAsync(Client, destinationName, destinationPath, cancellationToken);

        // Write the destination.
        if (source.Info.IsStaticLargeObject)
        {
            var manifest = SwiftLargeObjects.StaticManifestBody(source.Segments);
            await Client.PutAsync(destinationName, manifest, SwiftLargeObjects.PutManifestQuery, destinationPath, cancellationToken);
        }
        else if (source.Info.DynamicManifest is { } dynamicManifest)
        {
            await Client.PutDynamicManifestAsync(destinationName, dynamicManifest, destinationPath, cancellationToken);
        }
        else if (await Client.CopyAsync(Client.Container, sourceName, destinationName, sourcePath, cancellationToken) is null)
        {
            throw new PathNotFoundException(Name, sourcePath);
        }

        // Delete the source object; without ?multipart-manifest=delete this leaves a manifest's segments in place.
        await Client.DeleteAsync(Client.Container, sourceName, "", sourcePath, cancellationToken);

        await DeleteUnreferencedSegmentsAsync(replaced, source.Segments, destinationPath, cancellationToken);
    }

    /// <summary>
    /// Deletes the object at <paramref name="path"/>, every object below it, and the segments of every large object
    /// among them, in one bulk request per server maximum when the server has the bulk-delete middleware.
    /// </summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        var files = new List<(string Name, bool IsStaticLargeObject, long Size)>();
        await foreach (var entry in Client.ListAsync(Client.Container, Names.DirectoryPrefix(path), delimiter: null, path, cancellationToken))
        {
            files.Add((entry.Name, entry.IsStaticLargeObject, entry.Size));
        }

        if (path != "/" && await Client.HeadAsync(Names.ObjectName(path), path, cancellationToken) is { } self)
        {
            files.Add((Names.ObjectName(path), self.IsStaticLargeObject, self.IsManifest ? 0 : self.Size));
        }

        if (files.Count == 0)
        {
            throw new PathNotFoundException(Name, path);
        }

        // Manifests first, so that no reader finds a manifest whose segments are gone.
        var doomed = files.Select(file => (Client.Container, file.Name)).ToList();
        foreach (var file in files)
        {
            // Listings mark SLO manifests; a DLO manifest is listed with size 0, so only those need a HEAD.
            if (!file.IsStaticLargeObject && file.Size > 0)
            {
                continue;
            }

            var stored = await SwiftLargeObjects.DescribeAsync(Client, file.Name, path, cancellationToken);
            doomed.AddRange(stored?.Segments.Select(segment => (segment.Container, segment.Name)) ?? []);
        }

        await DeleteObjectsAsync(doomed, path, cancellationToken);
    }
}
