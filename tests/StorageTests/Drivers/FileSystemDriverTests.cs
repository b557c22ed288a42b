using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.StorageTests.Conformance;

namespace Registry.StorageTests.Drivers;

public sealed class FileSystemDriverTests : StorageDriverConformanceTests
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("registry-filesystem-driver-");

    protected override IStorageDriver CreateDriver() =>
        new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = _root.FullName });

    [Fact]
    public async Task PutContent_DriverPath_IsFileUnderRoot()
    {
        await Driver.PutContentAsync("/docker/registry/v2/blobs/data", new byte[] { 1, 2, 3 });

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_root.FullName, "docker", "registry", "v2", "blobs", "data")));
    }

    [Fact]
    public async Task GetContent_FileWrittenUnderRoot_IsRead()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root.FullName, "docker", "registry", "v2", "link"));
        await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "current"), [4, 5]);

        Assert.Equal([4, 5], await Driver.GetContentAsync("/docker/registry/v2/link/current"));
    }

    [Fact]
    public void Constructor_EmptyRootDirectory_ThrowsNamingTheKey()
    {
        var exception = Assert.Throws<ArgumentException>(() => new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = " " }));

        Assert.Contains("storage.filesystem.rootdirectory", exception.Message);
    }

    [Theory]
    [InlineData(1024 * 1024)]
    [InlineData(1000)]
    public async Task Writer_PastWritebackInterval_KeepsEveryByte(int chunkSize)
    {
        // 20 MiB, then 9 MiB appended by a second writer, so the early-writeback interval (8 MiB)
        // is crossed twice and then once. With the small chunks, FileStream still buffers each crossing.
        var content = new byte[29 * 1024 * 1024];
        new Random(12).NextBytes(content);
        const int firstPart = 20 * 1024 * 1024;

        await using (var writer = await Driver.WriterAsync("/uploads/data", 0))
        {
            await WriteInChunksAsync(writer, content.AsMemory(0, firstPart), chunkSize);
            await writer.CommitAsync();
        }

        await using (var writer = await Driver.WriterAsync("/uploads/data", firstPart))
        {
            await WriteInChunksAsync(writer, content.AsMemory(firstPart), chunkSize);
            await writer.CommitAsync();
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_root.FullName, "uploads", "data")));
        await Driver.DeleteAsync("/uploads");
    }

    /// <summary>Every file left under the root, temporary files of the driver included.</summary>
    protected override Task<IReadOnlyList<string>> RemainingObjectsAsync()
    {
        IReadOnlyList<string> remaining = _root.Exists
            ? _root.EnumerateFiles("*", SearchOption.AllDirectories).Select(file => file.FullName).ToList()
            : [];
        return Task.FromResult(remaining);
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_root.Exists)
            {
                _root.Delete(recursive: true);
            }
        }
    }
}
