namespace Registry.Storage.Hashing;

/// <summary>Implementation behind <see cref="ResumableSha256"/>.</summary>
internal enum Sha256Backend
{
    /// <summary>OpenSSL's low-level SHA256_* functions in libcrypto.so.3.</summary>
    OpenSsl,

    /// <summary>The managed FIPS 180-4 implementation in <see cref="ManagedSha256"/>.</summary>
    Managed,
}

/// <summary>
/// Incremental SHA-256 computation whose intermediate state can be read and replaced, which is
/// what <see cref="ResumableSha256"/> needs to export and restore it.
/// </summary>
internal abstract class Sha256Engine
{
    public const int HashSize = 32;
    public const int BlockSize = 64;
    public const int StateWordCount = 8;

    public abstract Sha256Backend Backend { get; }

    /// <summary>Total number of bytes hashed, counting the length set by <see cref="Load"/>.</summary>
    public abstract ulong Length { get; }

    /// <summary>The eight 32-bit intermediate hash words H0..H7 after the last complete block.</summary>
    public abstract ReadOnlySpan<uint> StateWords { get; }

    /// <summary>The input bytes after the last complete block: <c>Length % 64</c> of them.</summary>
    public abstract ReadOnlySpan<byte> PendingBytes { get; }

    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>
    /// Writes the digest of the bytes appended so far into <paramref name="destination"/> (32 bytes)
    /// and leaves this engine's state unchanged, so appending can go on.
    /// </summary>
    public abstract void ComputeCurrentHash(Span<byte> destination);

    /// <summary>
    /// Replaces the state with one taken after <paramref name="length"/> bytes. The caller checks
    /// that <paramref name="pendingBytes"/> contains exactly <c>length % 64</c> bytes.
    /// </summary>
    public abstract void Load(ReadOnlySpan<uint> stateWords, ReadOnlySpan<byte> pendingBytes, ulong length);

    /// <summary>Zeroes the state, which contains up to 63 bytes of the input.</summary>
    public abstract void Clear();
}
