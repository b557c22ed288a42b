using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task Move_File_CreatesTargetAndRemovesSource()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/source", Bytes(2000, seed: 27));

        await Driver.MoveAsync("/move/source", "/moved/deep/target");

        Assert.Equal(Bytes(2000, seed: 27), await Driver.GetContentAsync("/moved/deep/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/move/source"));
    }

    [SkippableFact]
    public async Task Move_OverExistingTarget_ReplacesTarget()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/source", Bytes(10, seed: 28));
        await Driver.PutContentAsync("/move/target", Bytes(20, seed: 29));

        await Driver.MoveAsync("/move/source", "/move/target");

        Assert.Equal(Bytes(10, seed: 28), await Driver.GetContentAsync("/move/target"));
        Assert.Equal(["/move/target"], await Driver.ListAsync("/move"));
    }

    [SkippableFact]
    public async Task Move_MissingSource_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/move/target", Bytes(20, seed: 30));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.MoveAsync("/move/missing", "/move/target"));

        Assert.Equal("/move/missing", exception.Path);
        Assert.Equal(Bytes(20, seed: 30), await Driver.GetContentAsync("/move/target"));
    }

    [SkippableFact]
    public async Task Move_LargeFile_KeepsContent()
    {
        Require(StoreFeature.ServerSideCopy);
        const int size = 16 * MiB + 3;
        RequireMultipartWrite(size);
        var pattern = new ContentPattern(seed: 500);
        await using (var writer = await Driver.WriterAsync("/move/uploads/data", 0))
        {
            await WritePatternAsync(writer, pattern, size, chunkSize: MiB);
            await writer.CommitAsync();
        }

        await CreateDriver().MoveAsync("/move/uploads/data", "/move/blobs/ab/cdef/data");

        var other = CreateDriver();
        await AssertPatternContentAsync(other, "/move/blobs/ab/cdef/data", pattern, size);
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/move/uploads/data"));
    }

    [SkippableFact]
    public async Task Move_SmallOverLargeTarget_ReplacesWholeTarget()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/target", Bytes(PartSize + 1, seed: 501));
        await Driver.PutContentAsync("/move/source", Bytes(10, seed: 502));

        await CreateDriver().MoveAsync("/move/source", "/move/target");

        var other = CreateDriver();
        Assert.Equal(10, (await other.StatAsync("/move/target")).Size);
        Assert.Equal(Bytes(10, seed: 502), await other.GetContentAsync("/move/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync("/move/source"));
    }

    [SkippableFact]
    public async Task Move_IntoNewDeepDirectory_CreatesParents()
    {
        Require(StoreFeature.ServerSideCopy);
        await Driver.PutContentAsync("/move/from/source", Bytes(100, seed: 503));
        await Driver.PutContentAsync("/move/from/sibling", Bytes(1, seed: 504));

        await Driver.MoveAsync("/move/from/source", "/move/to/a/b/c/d/e/f/target");

        var other = CreateDriver();
        Assert.Equal(Bytes(100, seed: 503), await other.GetContentAsync("/move/to/a/b/c/d/e/f/target"));
        Assert.True((await other.StatAsync("/move/to/a/b/c")).IsDirectory);
        Assert.Equal(["/move/to/a/b/c/d/e/f/target"], await other.ListAsync("/move/to/a/b/c/d/e/f"));
        Assert.Equal(["/move/from/sibling"], await other.ListAsync("/move/from"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.GetContentAsync("/move/from/source"));
    }

    [SkippableFact]
    public async Task Move_MissingSourceAndTarget_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/move/other", Bytes(1, seed: 505));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.MoveAsync("/move/missing", "/move/target"));

        Assert.Equal("/move/missing", exception.Path);
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/move/target"));
    }

    [SkippableFact]
    public async Task Move_SourcePrefixOfFile_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/move/sourcefile", Bytes(1, seed: 506));

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.MoveAsync("/move/source", "/move/target"));

        Assert.Equal(Bytes(1, seed: 506), await Driver.GetContentAsync("/move/sourcefile"));
    }
}
