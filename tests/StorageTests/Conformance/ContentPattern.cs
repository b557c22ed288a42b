using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Registry.StorageTests.Conformance;

/// <summary>
/// A deterministic pseudo-random byte sequence of any length. Any range of it can be generated
/// from its offset, so a test writes and verifies hundreds of MiB without holding them in memory,
/// and appends from several writers continue one sequence.
/// </summary>
/// <remarks>Each 8-byte word is SplitMix64 of the seed and the word's index.</remarks>
internal sealed class ContentPattern(int seed)
{
    private readonly ulong _key = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);

    /// <summary>Fills <paramref name="destination"/> with the bytes of the sequence from <paramref name="offset"/> on.</summary>
    public void Fill(long offset, Span<byte> destination)
    {
        Span<byte> word = stackalloc byte[sizeof(ulong)];
        var position = offset;
        var written = 0;
        while (written < destination.Length)
        {
            if (position % sizeof(ulong) == 0 && destination.Length - written >= sizeof(ulong))
            {
                // Whole words go straight into the destination.
                BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], WordAt(position / sizeof(ulong)));
                written += sizeof(ulong);
                position += sizeof(ulong);
                continue;
            }

            BinaryPrimitives.WriteUInt64LittleEndian(word, WordAt(position / sizeof(ulong)));
            var start = (int)(position % sizeof(ulong));
            var count = Math.Min(sizeof(ulong) - start, destination.Length - written);
            word.Slice(start, count).CopyTo(destination[written..]);
            written += count;
            position += count;
        }
    }

    /// <summary>Returns the bytes of the sequence in [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>).</summary>
    public byte[] ToArray(long offset, int length)
    {
        var content = new byte[length];
        Fill(offset, content);
        return content;
    }

    /// <summary>Returns the SHA-256 of the first <paramref name="length"/> bytes of the sequence.</summary>
    public byte[] Sha256(long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        for (long position = 0; position < length; position += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - position);
            Fill(position, buffer.AsSpan(0, count));
            hash.AppendData(buffer, 0, count);
        }

        return hash.GetHashAndReset();
    }

    private ulong WordAt(long index)
    {
        var z = unchecked(_key + (ulong)index * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
