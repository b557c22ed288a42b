using Registry.Storage.Drivers;

namespace Registry.StorageTests.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    [SkippableTheory]
    [InlineData("get")]
    [InlineData("stat")]
    [InlineData("reader")]
    [InlineData("delete")]
    [InlineData("list")]
    [InlineData("move-source")]
    public async Task Operation_MissingPath_ThrowsPathNotFound(string operation)
    {
        await Driver.PutContentAsync("/present/file", Bytes(1, seed: 34));

        var exception = await Assert.ThrowsAsync<PathNotFoundException>(() => RunAsync(operation, "/present/missing"));

        Assert.Equal("/present/missing", exception.Path);
        Assert.Equal(Driver.Name, exception.DriverName);
    }

    [SkippableTheory]
    [InlineData("get")]
    [InlineData("reader")]
    [InlineData("move-source")]
    public async Task Operation_DirectoryAsFile_ThrowsPathNotFound(string operation)
    {
        await Driver.PutContentAsync("/present/dir/file", Bytes(1, seed: 35));

        await Assert.ThrowsAsync<PathNotFoundException>(() => RunAsync(operation, "/present/dir"));
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidPathOperations))]
    public async Task Operation_InvalidPath_ThrowsInvalidPath(string operation, string path)
    {
        await Driver.PutContentAsync("/valid", Bytes(1, seed: 36));

        var exception = await Assert.ThrowsAsync<InvalidPathException>(() => RunAsync(operation, path));

        Assert.Equal(path, exception.Path);
        Assert.Equal(["/valid"], await Driver.ListAsync("/"));
    }

    /// <summary>Runs one driver operation on <paramref name="path"/>, with <c>/valid</c> as the other path of a move.</summary>
    private async Task RunAsync(string operation, string path)
    {
        switch (operation)
        {
            case "get":
                await Driver.GetContentAsync(path);
                break;
            case "put":
                await Driver.PutContentAsync(path, Bytes(1, seed: 37));
                break;
            case "reader":
                await (await Driver.ReaderAsync(path, 0)).DisposeAsync();
                break;
            case "writer":
                await (await Driver.WriterAsync(path, 0)).CancelAsync();
                break;
            case "stat":
                await Driver.StatAsync(path);
                break;
            case "list":
                await Driver.ListAsync(path);
                break;
            case "move-source":
                await Driver.MoveAsync(path, "/valid");
                break;
            case "move-destination":
                await Driver.MoveAsync("/valid", path);
                break;
            case "delete":
                await Driver.DeleteAsync(path);
                break;
            case "redirect":
                await Driver.RedirectUrlAsync(path, "GET");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation");
        }
    }
}
