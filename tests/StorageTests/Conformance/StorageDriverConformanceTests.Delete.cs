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

    [SkippableFact]
    public async Task Delete_WideDeepTree_RemovesEveryFile()
    {
        // More files than one batch delete takes (1,000 keys on S3), spread wide and deep.
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 1200; i++)
        {
            var depth = i % 6;
            var directories = string.Concat(Enumerable.Range(0, depth).Select(level => $"/d{level}"));
            sizes[$"/del/tree/w{i % 40}{directories}/{i}"] = i % 4;
        }

        var siblings = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["/del/keep/file"] = 1,
            ["/del/tree-x/file"] = 2,
            ["/del/treeX"] = 3,
            ["/del/tre"] = 4,
        };
        await PutFilesAsync(sizes);
        await PutFilesAsync(siblings);

        await CreateDriver().DeleteAsync("/del/tree");

        var other = CreateDriver();
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/del/tree"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/del/tree/w39/d0/d1/d2/d3/d4/1199"));
        var remaining = await WalkToListAsync(other, "/del");
        Assert.Equal(siblings.Keys.Order(StringComparer.Ordinal), remaining.Select(file => file.Path).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Delete_DirectoryPrefixOfSiblings_LeavesSiblings()
    {
        string[] siblings = ["/del/ab", "/del/a-b/file", "/del/a.b", "/del/abc/file"];
        foreach (var path in siblings.Append("/del/a/file").Append("/del/a/b/file"))
        {
            await Driver.PutContentAsync(path, Bytes(2, seed: 507));
        }

        await Driver.DeleteAsync("/del/a");

        var other = CreateDriver();
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/del/a"));
        var remaining = await WalkToListAsync(other, "/del");
        Assert.Equal(siblings.Order(StringComparer.Ordinal), remaining.Select(file => file.Path).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Delete_FilePrefixOfSiblings_LeavesSiblings()
    {
        string[] siblings = ["/del/ab", "/del/ab-c/file", "/del/abc/file"];
        foreach (var path in siblings.Append("/del/a"))
        {
            await Driver.PutContentAsync(path, Bytes(2, seed: 508));
        }

        await Driver.DeleteAsync("/del/a");

        var other = CreateDriver();
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/del/a"));
        Assert.Equal(["/del/ab", "/del/ab-c", "/del/abc"], await other.ListAsync("/del"));
    }

    [SkippableFact]
    public async Task Delete_MissingPrefixOfFile_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/del/ab", Bytes(2, seed: 509));
        await Driver.PutContentAsync("/del/abc/file", Bytes(2, seed: 510));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.DeleteAsync("/del/a"));

        Assert.Equal("/del/a", exception.Path);
        Assert.Equal(Bytes(2, seed: 509), await Driver.GetContentAsync("/del/ab"));
        Assert.Equal(Bytes(2, seed: 510), await Driver.GetContentAsync("/del/abc/file"));
    }

    [SkippableFact]
    public async Task Delete_FileInDeepDirectory_LeavesSiblings()
    {
        await Driver.PutContentAsync("/del/x/y/z/file", Bytes(2, seed: 511));
        await Driver.PutContentAsync("/del/x/y/z/other", Bytes(3, seed: 512));
        await Driver.PutContentAsync("/del/x/y/near", Bytes(4, seed: 513));

        await CreateDriver().DeleteAsync("/del/x/y/z/file");

        var other = CreateDriver();
        Assert.Equal(["/del/x/y/z/other"], await other.ListAsync("/del/x/y/z"));
        Assert.Equal(["/del/x/y/near", "/del/x/y/z"], await other.ListAsync("/del/x/y"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.DeleteAsync("/del/x/y/z/file"));
    }
}
