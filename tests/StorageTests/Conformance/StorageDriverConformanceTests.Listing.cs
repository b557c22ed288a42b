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

    [SkippableFact]
    public async Task List_ThousandsOfFiles_ReturnsAllSortedOrdinally()
    {
        Require(StoreFeature.DeepDelimiterListing);
        // More than two pages of an object store listing (1,000 keys each), with names whose
        // ordinal order differs from the order of their numbers and of their first characters.
        string[] namePrefixes = ["f", "F", "_", "-", "a.", "0"];
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 2500; i++)
        {
            sizes[$"/many/{namePrefixes[i % namePrefixes.Length]}{i}"] = i % 3;
        }

        // A directory with more files than a listing page must still be one child.
        for (var i = 0; i < 1100; i++)
        {
            sizes[$"/many/g/{i}"] = 1;
        }

        sizes["/many/h/x/y"] = 2;
        await PutFilesAsync(sizes);

        var children = await CreateDriver().ListAsync("/many");

        var expected = sizes.Keys
            .Select(path => path.Count(c => c == '/') == 2 ? path : path[..path.IndexOf('/', "/many/".Length)])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(2502, expected.Count);
        Assert.Equal(expected, children);
    }

    [SkippableFact]
    public async Task Walk_ThousandsOfFiles_ReturnsEachFileOnceWithSize()
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 2500; i++)
        {
            var path = (i % 4) switch
            {
                0 => $"/walk/{i}",
                1 => $"/walk/d{i % 7}/{i}",
                2 => $"/walk/d{i % 7}/e{i % 3}/{i}",
                _ => $"/walk/x/y/z/w/{i}",
            };
            sizes[path] = i % 5;
        }

        await PutFilesAsync(sizes);

        var walked = await WalkToListAsync(CreateDriver(), "/walk");

        Assert.All(walked, file => Assert.False(file.IsDirectory, $"{file.Path} is a directory"));
        var duplicates = walked.GroupBy(file => file.Path).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(sizes.Keys.Order(StringComparer.Ordinal), walked.Select(file => file.Path).Order(StringComparer.Ordinal));
        Assert.All(walked, file => Assert.Equal(sizes[file.Path], file.Size));
    }

    [SkippableFact]
    public async Task List_TwelveLevelsDeep_ReturnsEachLevel()
    {
        Require(StoreFeature.DeepDelimiterListing);
        const int depth = 12;
        var directories = Enumerable.Range(1, depth)
            .Select(level => "/deep" + string.Concat(Enumerable.Range(1, level).Select(l => $"/l{l:D2}")))
            .ToList();
        var sizes = directories.ToDictionary(directory => directory + "/file", directory => directory.Length, StringComparer.Ordinal);
        await PutFilesAsync(sizes);

        var other = CreateDriver();
        for (var level = 0; level < depth; level++)
        {
            var directory = directories[level];
            List<string> expected = level + 1 < depth ? [directory + "/file", directories[level + 1]] : [directory + "/file"];
            Assert.Equal(expected, await other.ListAsync(directory));
            Assert.True((await other.StatAsync(directory)).IsDirectory, $"{directory} is not a directory");
        }

        Assert.Equal(["/deep/l01"], await other.ListAsync("/deep"));
        var walked = await WalkToListAsync(other, "/deep");
        Assert.Equal(sizes.Keys.Order(StringComparer.Ordinal), walked.Select(file => file.Path).Order(StringComparer.Ordinal));
        Assert.All(walked, file => Assert.Equal(sizes[file.Path], file.Size));
        var lower = await WalkToListAsync(other, directories[6]);
        Assert.Equal(depth - 6, lower.Count);
    }

    [SkippableFact]
    public async Task List_MixedChildren_ReturnsDirectChildrenOnce()
    {
        Require(StoreFeature.DeepDelimiterListing);
        foreach (var path in new[]
                 {
                     "/kids/a", "/kids/b", "/kids/c/1", "/kids/c/2", "/kids/c/x/y/z", "/kids/c.txt", "/kids/d/e/f/g", "/kids/c-", "/kidsx/q",
                 })
        {
            await Driver.PutContentAsync(path, Bytes(3, seed: 403));
        }

        var other = CreateDriver();

        // S3 sorts the key "kids/c.txt" before the prefix "kids/c/", but "/kids/c" sorts first as a path.
        Assert.Equal(["/kids/a", "/kids/b", "/kids/c", "/kids/c-", "/kids/c.txt", "/kids/d"], await other.ListAsync("/kids"));
        Assert.Equal(["/kids/c/1", "/kids/c/2", "/kids/c/x"], await other.ListAsync("/kids/c"));
        Assert.Equal(["/kids/d/e"], await other.ListAsync("/kids/d"));
        Assert.Equal(["/kids", "/kidsx"], await other.ListAsync("/"));
    }

    [SkippableFact]
    public async Task List_RootWithOnlyDeepFile_ReturnsTopDirectory()
    {
        Require(StoreFeature.DeepDelimiterListing);
        await Driver.PutContentAsync("/only/a/b/c/d/e/file", Bytes(7, seed: 404));

        var other = CreateDriver();

        Assert.Equal(["/only"], await other.ListAsync("/"));
        Assert.True((await other.StatAsync("/only")).IsDirectory);
        var walked = await WalkToListAsync(other, "/");
        Assert.Equal(["/only/a/b/c/d/e/file"], walked.Select(file => file.Path));
        Assert.Equal(7, walked[0].Size);
    }

    [SkippableTheory]
    [InlineData("/walk/missing")]
    [InlineData("/walk/fil")]
    [InlineData("/walk/file")]
    [InlineData("/walk/file/below")]
    public async Task Walk_MissingDirectoryOrFile_ThrowsPathNotFound(string path)
    {
        await Driver.PutContentAsync("/walk/file", Bytes(1, seed: 405));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => WalkToListAsync(CreateDriver(), path));

        Assert.Equal(path, exception.Path);
    }

    [SkippableFact]
    public async Task List_PrefixOfDirectoryName_ThrowsPathNotFound()
    {
        await Driver.PutContentAsync("/list/abc/file", Bytes(1, seed: 406));

        await Assert.ThrowsAsync<PathNotFoundException>(() => CreateDriver().ListAsync("/list/ab"));
    }
}
