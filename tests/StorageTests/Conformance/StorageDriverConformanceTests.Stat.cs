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

    [SkippableFact]
    public async Task Stat_ImplicitDirectories_ReturnDirectoryKind()
    {
        await Driver.PutContentAsync("/stat/a/b/c/file", Bytes(10, seed: 400));

        var other = CreateDriver();
        foreach (var directory in new[] { "/stat", "/stat/a", "/stat/a/b", "/stat/a/b/c" })
        {
            var info = await other.StatAsync(directory);
            Assert.Equal(directory, info.Path);
            Assert.True(info.IsDirectory, $"{directory} is not a directory");
            Assert.Equal(0, info.Size);
        }

        var file = await other.StatAsync("/stat/a/b/c/file");
        Assert.False(file.IsDirectory);
        Assert.Equal(10, file.Size);
    }

    [SkippableFact]
    public async Task Stat_FileWrittenOnOtherInstance_ReturnsCommittedSize()
    {
        await using (var writer = await Driver.WriterAsync("/stat/data", 0))
        {
            await writer.WriteAsync(Bytes(12345, seed: 401));
            await writer.CommitAsync();
        }

        var info = await CreateDriver().StatAsync("/stat/data");

        Assert.Equal(12345, info.Size);
        Assert.False(info.IsDirectory);
    }

    /// <summary>Rows of a stored file and a path beside it that shares a prefix of its name but does not exist.</summary>
    public static TheoryData<string, string> PathsBesideFiles => new()
    {
        { "/stat/abc", "/stat/ab" },
        { "/stat/abc", "/stat/abcd" },
        { "/stat/abc", "/stat/abc/d" },
        { "/stat/ab.c", "/stat/ab" },
        { "/stat/ab-c/file", "/stat/ab" },
        { "/stat/abc/file", "/stat/ab" },
        { "/stat/abc/file", "/stat/abc/fil" },
    };

    [SkippableTheory]
    [MemberData(nameof(PathsBesideFiles))]
    public async Task Stat_PrefixOfName_ThrowsPathNotFound(string stored, string missing)
    {
        await Driver.PutContentAsync(stored, Bytes(1, seed: 402));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => CreateDriver().StatAsync(missing));

        Assert.Equal(missing, exception.Path);
        Assert.Equal(1, (await Driver.StatAsync(stored)).Size);
    }
}
