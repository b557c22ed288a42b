using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task Move_File_CreatesTargetAndRemovesSource()
    {
        await Driver.PutContentAsync("/move/source", Bytes(2000, seed: 27));

        await Driver.MoveAsync("/move/source", "/moved/deep/target");

        Assert.Equal(Bytes(2000, seed: 27), await Driver.GetContentAsync("/moved/deep/target"));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync("/move/source"));
    }

    [SkippableFact]
    public async Task Move_OverExistingTarget_ReplacesTarget()
    {
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
}
