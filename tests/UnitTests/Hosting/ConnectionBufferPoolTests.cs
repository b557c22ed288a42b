using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

/// <summary>The memory pool that Kestrel's connections read into.</summary>
public sealed class ConnectionBufferPoolTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(ConnectionBufferPool.BlockSize)]
    public void Rent_AnySizeUpToBlock_ReturnsFullBlock(int size)
    {
        using var pool = new ConnectionBufferPool();

        using var block = pool.Rent(size);

        Assert.True(block.Memory.Length >= ConnectionBufferPool.BlockSize);
    }

    [Fact]
    public void Rent_LargerThanBlock_Throws()
    {
        using var pool = new ConnectionBufferPool();

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(ConnectionBufferPool.BlockSize + 1));
    }

    [Fact]
    public void Memory_AfterDispose_Throws()
    {
        using var pool = new ConnectionBufferPool();
        var block = pool.Rent();

        block.Dispose();
        block.Dispose();

        Assert.Throws<ObjectDisposedException>(() => block.Memory);
    }

    [Fact]
    public void Create_TwoListeners_ShareOnePool()
    {
        var factory = new ConnectionBufferPool.Factory();

        Assert.Same(factory.Create(), factory.Create());
        Assert.Equal(ConnectionBufferPool.BlockSize, factory.Create().MaxBufferSize);
    }
}
