using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableFact]
    public async Task Stat_File_ReturnsSizeAndFileKind()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Driver.PutContentAsync("/stat/file", Bytes(123, seed: 22));

        var info = await Driver.StatAsync("/stat/file");

        Assert.Equal("/stat/file", info.Path);
        Assert.Equal(123, info.Size);
        Assert.False(info.IsDirectory);
        Assert.InRange(info.ModifiedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [SkippableFact]
    public async Task Stat_Directory_ReturnsDirectoryKind()
    {
        await Driver.PutContentAsync("/stat/dir/nested/file", Bytes(123, seed: 23));

        var info = await Driver.StatAsync("/stat/dir");

        Assert.Equal("/stat/dir", info.Path);
        Assert.Equal(0, info.Size);
        Assert.True(info.IsDirectory);
    }
}
