using System.Buffers.Binary;

namespace Registry.Storage.Hashing;

/// <summary>
/// Encoding of a SHA-256 state in the format of Go's crypto/sha256 <c>MarshalBinary</c>, which
/// distribution (registry:2) writes to <c>_uploads/&lt;id&gt;/hashstates/sha256/&lt;offset&gt;</c>.
/// </summary>
/// <remarks>
/// Layout, 108 bytes: the identifier <c>"sha\x03"</c>; the eight state words H0..H7 as big-endian
/// uint32; the 64-byte block buffer, whose first <c>length % 64</c> bytes are the pending input;
/// the total input length in bytes as big-endian uint64. Go reads the pending count from the length,
/// not from a field of its own. Go 1.19 and later write zeros after the pending bytes, but earlier
/// releases wrote the whole buffer, including bytes left from earlier blocks, so a reader must
/// ignore everything after the pending bytes.
/// </remarks>
internal static class Sha256StateFormat
{
    public const int Size = 4 + (Sha256Engine.StateWordCount * 4) + Sha256Engine.BlockSize + 8;

    /// <summary>
    /// Maximum input length in bytes: FIPS 180-4 limits a SHA-256 message to less than 2^64 bits,
    /// and OpenSSL stores the length as a 64-bit bit count.
    /// </summary>
    public const ulong MaxLength = (1UL << 61) - 1;

    private const int WordsOffset = 4;
    private const int BlockOffset = WordsOffset + (Sha256Engine.StateWordCount * 4);
    private const int LengthOffset = BlockOffset + Sha256Engine.BlockSize;

    private static ReadOnlySpan<byte> Sha256Identifier => "sha\x03"u8;

    private static ReadOnlySpan<byte> Sha224Identifier => "sha\x02"u8;

    public static void Write(
        Span<byte> destination,
        ReadOnlySpan<uint> stateWords,
        ReadOnlySpan<byte> pendingBytes,
        ulong length)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"The destination must be {Size} bytes long.", nameof(destination));
        }

        Sha256Identifier.CopyTo(destination);
        for (int i = 0; i < Sha256Engine.StateWordCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(WordsOffset + (i * 4)), stateWords[i]);
        }

        Span<byte> block = destination.Slice(BlockOffset, Sha256Engine.BlockSize);
        pendingBytes.CopyTo(block);
        block.Slice(pendingBytes.Length).Clear();

        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(LengthOffset), length);
    }

    /// <summary>
    /// Decodes <paramref name="state"/> into <paramref name="stateWords"/> (8 words) and returns the
    /// input length. <paramref name="pendingBytes"/> is the slice of <paramref name="state"/> that
    /// contains the <c>length % 64</c> pending input bytes.
    /// </summary>
    /// <exception cref="FormatException">The state is not a 108-byte Go SHA-256 state.</exception>
    public static ulong Parse(ReadOnlySpan<byte> state, Span<uint> stateWords, out ReadOnlySpan<byte> pendingBytes)
    {
        if (state.Length >= Sha224Identifier.Length && state.StartsWith(Sha224Identifier))
        {
            throw new FormatException(
                "Invalid SHA-256 hash state: the identifier \"sha\\x02\" marks a SHA-224 state.");
        }

        if (!state.StartsWith(Sha256Identifier))
        {
            string found = Convert.ToHexString(state.Slice(0, Math.Min(state.Length, Sha256Identifier.Length)));
            throw new FormatException(
                $"Invalid SHA-256 hash state: expected the identifier 73686103 (\"sha\\x03\", Go's crypto/sha256 format) " +
                $"but the state starts with '{found}' and is {state.Length} bytes long.");
        }

        if (state.Length != Size)
        {
            throw new FormatException(
                $"Invalid SHA-256 hash state: expected {Size} bytes but got {state.Length}; the state is truncated or padded.");
        }

        ulong length = BinaryPrimitives.ReadUInt64BigEndian(state.Slice(LengthOffset));
        if (length > MaxLength)
        {
            throw new FormatException(
                $"Invalid SHA-256 hash state: the length {length} bytes exceeds the SHA-256 maximum of {MaxLength} bytes.");
        }

        for (int i = 0; i < Sha256Engine.StateWordCount; i++)
        {
            stateWords[i] = BinaryPrimitives.ReadUInt32BigEndian(state.Slice(WordsOffset + (i * 4)));
        }

        pendingBytes = state.Slice(BlockOffset, (int)(length % Sha256Engine.BlockSize));
        return length;
    }
}
