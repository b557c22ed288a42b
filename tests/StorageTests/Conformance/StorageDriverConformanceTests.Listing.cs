using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task List_Directory_ReturnsChildrenSortedOrdinally()
    {
        foreach (var path in new[] { "/list/b", "/list/a/x", "/list/a/y/z", "/list/C", "/list/a-b", "/list/_z", "/other/q" })
        {
            await Driver.PutContentAsync(path, Bytes(1, seed: 24));
        }

        var children = await Driver.ListAsync("/list");

        Assert.Equal(["/list/C", "/list/_z", "/list/a", "/list/a-b", "/list/b"], children);
        Assert.Equal(["/list/a/x", "/list/a/y"], await Driver.ListAsync("/list/a"));
    }

    [SkippableFact]
    public async Task List_MissingDirectory_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/list/file", Bytes(1, seed: 25));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ListAsync("/list/missing"));

        Assert.Equal("/list/missing", exception.Path);
    }

    [SkippableFact]
    public async Task List_File_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/list/file", Bytes(1, seed: 26));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ListAsync("/list/file"));
    }
}
