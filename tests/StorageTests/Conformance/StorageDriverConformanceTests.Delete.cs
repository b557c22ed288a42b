using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task Delete_File_RemovesOnlyThatFile()
    {
        await Driver.PutContentAsync("/delete/file", Bytes(1, seed: 31));
        await Driver.PutContentAsync("/delete/other", Bytes(1, seed: 32));

        await Driver.DeleteAsync("/delete/file");

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/delete/file"));
        Assert.Equal(["/delete/other"], await Driver.ListAsync("/delete"));
    }

    [SkippableFact]
    public async Task Delete_Directory_RemovesWholeTree()
    {
        foreach (var path in new[] { "/tree/keep", "/tree/gone/a", "/tree/gone/b/c", "/tree/gone/b/d/e" })
        {
            await Driver.PutContentAsync(path, Bytes(1, seed: 33));
        }

        await Driver.DeleteAsync("/tree/gone");

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/tree/gone"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/tree/gone/b/d/e"));
        Assert.Equal(["/tree/keep"], await Driver.ListAsync("/tree"));
    }
}
