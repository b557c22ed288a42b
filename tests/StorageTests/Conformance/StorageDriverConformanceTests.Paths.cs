using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>The maximum name length of ext4, XFS and btrfs (NAME_MAX), in bytes.</summary>
    private const int MaxSegmentLength = 255;

    /// <summary>Segments made of every character <see cref="StoragePath"/> allows, in the forms that trip up mappings.</summary>
    public static TheoryData<string> UnusualSegments => new()
    {
        ".hidden",
        "_underscore",
        "-dash",
        "...",
        "....",
        ".-_",
        "a.b-c_d",
        "0123456789",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        new string('x', MaxSegmentLength),
        string.Concat(Enumerable.Repeat("aZ0._-", MaxSegmentLength / 6 + 1))[..MaxSegmentLength],
    };

    [SkippableTheory]
    [MemberData(nameof(UnusualSegments))]
    public async Task Paths_UnusualSegmentAsFile_WorksInEveryOperation(string segment)
    {
        RequireLongNamesFor(segment);
        Require(StoreFeature.ServerSideCopy);
        var path = "/paths/" + segment;
        var moved = "/paths/moved/" + segment;
        await Driver.PutContentAsync("/paths/sibling", Bytes(1, seed: 600));

        await Driver.PutContentAsync(path, Bytes(100, seed: 601));
        await using (var writer = await CreateDriver().WriterAsync(path, 100))
        {
            await writer.WriteAsync(Bytes(50, seed: 602));
            await writer.CommitAsync();
        }

        var other = CreateDriver();
        Assert.Equal(Concat(Bytes(100, seed: 601), Bytes(50, seed: 602)), await other.GetContentAsync(path));
        Assert.Equal(150, (await other.StatAsync(path)).Size);
        Assert.Equal(new[] { path, "/paths/sibling" }.Order(StringComparer.Ordinal), await other.ListAsync("/paths"));
        await using (var stream = await other.ReaderAsync(path, 99))
        {
            Assert.Equal(51, (await ReadToEndAsync(stream)).Length);
        }

        await other.MoveAsync(path, moved);
        Assert.Equal(150, (await other.StatAsync(moved)).Size);
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync(path));

        await other.DeleteAsync(moved);
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync(moved));
        Assert.Equal(Bytes(1, seed: 600), await other.GetContentAsync("/paths/sibling"));
    }

    [SkippableTheory]
    [MemberData(nameof(UnusualSegments))]
    public async Task Paths_UnusualSegmentAsDirectory_ListsAndWalks(string segment)
    {
        RequireLongNamesFor(segment);
        var directory = "/paths/" + segment;
        await Driver.PutContentAsync(directory + "/file", Bytes(3, seed: 603));
        await Driver.PutContentAsync(directory + "/" + segment + "/file", Bytes(4, seed: 604));

        var other = CreateDriver();

        Assert.True((await other.StatAsync(directory)).IsDirectory);
        Assert.Equal(new[] { directory + "/file", directory + "/" + segment }.Order(StringComparer.Ordinal), await other.ListAsync(directory));
        var walked = await WalkToListAsync(other, "/paths");
        Assert.Equal(
            new[] { directory + "/file", directory + "/" + segment + "/file" }.Order(StringComparer.Ordinal),
            walked.Select(file => file.Path).Order(StringComparer.Ordinal));

        await other.DeleteAsync(directory);
        await Assert.ThrowsAsync<PathNotFoundException>(() => other.StatAsync(directory + "/file"));
    }

    [SkippableFact]
    public async Task Paths_DifferingOnlyInCase_AreSeparateFiles()
    {
        // NOTE: a case-insensitive filesystem (default macOS, Windows) cannot pass this test.
        string[] files = ["/case/abc", "/case/ABC", "/case/Abc", "/case/dir/x", "/case/Dir/x", "/case/DIR/x"];
        for (var i = 0; i < files.Length; i++)
        {
            await Driver.PutContentAsync(files[i], Bytes(10 + i, seed: 605 + i));
        }

        var other = CreateDriver();
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(Bytes(10 + i, seed: 605 + i), await other.GetContentAsync(files[i]));
        }

        Assert.Equal(["/case/ABC", "/case/Abc", "/case/DIR", "/case/Dir", "/case/abc", "/case/dir"], await other.ListAsync("/case"));

        await other.DeleteAsync("/case/abc");
        await other.DeleteAsync("/case/dir");

        Assert.Equal(["/case/ABC", "/case/Abc", "/case/DIR", "/case/Dir"], await other.ListAsync("/case"));
        Assert.Equal(Bytes(11, seed: 606), await other.GetContentAsync("/case/ABC"));
        Assert.Equal(Bytes(14, seed: 609), await other.GetContentAsync("/case/Dir/x"));
    }

    /// <summary>Skips the running test for a segment of more than 200 characters when the store lacks <see cref="StoreFeature.LongNames"/>.</summary>
    private void RequireLongNamesFor(string segment)
    {
        if (segment.Length > 200)
        {
            Require(StoreFeature.LongNames);
        }
    }
}
