using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Registry.Silo.Hosting;

/// <summary>
/// The memory pool of Kestrel's connections: blocks of <see cref="BlockSize"/> bytes taken from
/// <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
/// <remarks>
/// Kestrel's own pool hands out 4 KiB blocks, and a socket read fills at most one block. A 100 MiB
/// blob upload then cost some 51,000 <c>recvfrom</c> calls (half of them zero-byte reads that wait
/// for data), each with wake-ups between threads. With 64 KiB blocks it cost about 3,200. The
/// shared array pool drops blocks that stay unused at full collections, much as Kestrel's own
/// pool evicts idle blocks.
/// </remarks>
internal sealed class ConnectionBufferPool : MemoryPool<byte>
{
    /// <summary>Size of every block, and the largest rent this pool serves.</summary>
    public const int BlockSize = 64 * 1024;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return new Block(ArrayPool<byte>.Shared.Rent(BlockSize));
    }

    protected override void Dispose(bool disposing)
    {
        // Blocks belong to the shared array pool, which outlives this one.
    }

    private sealed class Block(byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (_array is { } array)
            {
                _array = null;
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }

    /// <summary>Creates the pool for Kestrel. Every connection of every listener shares the one pool.</summary>
    internal sealed class Factory : IMemoryPoolFactory<byte>
    {
        private readonly ConnectionBufferPool _pool = new();

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => _pool;
    }
}
