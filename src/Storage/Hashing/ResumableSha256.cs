namespace Registry.Storage.Hashing;

/// <summary>
/// Incremental SHA-256 whose state can be exported after any number of bytes and restored later,
/// in another process or on another machine, so an upload can be hashed chunk by chunk without
/// rereading what was already written.
/// </summary>
/// <remarks>
/// <para>
/// The exported state is Go's crypto/sha256 <c>MarshalBinary</c> format, the one distribution
/// (registry:2) stores under <c>_uploads/&lt;id&gt;/hashstates/sha256/&lt;offset&gt;</c>, so either
/// registry can resume the other's upload. See <see cref="StateSize"/> for its layout.
/// </para>
/// <para>
/// Hashing runs in OpenSSL's libcrypto.so.3 when that library loads (<see cref="IsNativeAvailable"/>),
/// and in a managed FIPS 180-4 implementation otherwise. Both produce the same hashes and states.
/// An instance is not thread-safe.
/// </para>
/// </remarks>
public sealed class ResumableSha256 : IDisposable
{
    /// <summary>Size of a SHA-256 digest in bytes.</summary>
    public const int HashSize = Sha256Engine.HashSize;

    /// <summary>
    /// Size in bytes of an exported state: the identifier <c>"sha\x03"</c>, the eight state words
    /// as big-endian uint32, the 64-byte block buffer whose first <c>length % 64</c> bytes are the
    /// pending input (then zeros), and the input length in bytes as a big-endian uint64.
    /// </summary>
    public const int StateSize = Sha256StateFormat.Size;

    private readonly Sha256Engine _engine;
    private bool _disposed;

    private ResumableSha256(Sha256Engine engine)
    {
        _engine = engine;
    }

    /// <summary>
    /// Whether hashing runs in OpenSSL's libcrypto.so.3. It is false where the library cannot be
    /// loaded, lacks the SHA-256 functions or lays out <c>SHA256_CTX</c> differently than
    /// OpenSSL 3.0; the managed implementation is used then. Checked once per process.
    /// </summary>
    public static bool IsNativeAvailable => OpenSslSha256.IsAvailable;

    /// <summary>Number of bytes hashed so far, counting those hashed before a restored state was exported.</summary>
    public long BytesHashed
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (long)_engine.Length;
        }
    }

    internal Sha256Backend Backend => _engine.Backend;

    private static Sha256Backend DefaultBackend =>
        IsNativeAvailable ? Sha256Backend.OpenSsl : Sha256Backend.Managed;

    /// <summary>Creates a hasher with no input yet.</summary>
    public static ResumableSha256 Create() => Create(DefaultBackend);

    /// <summary>Creates a hasher that continues from a state returned by <see cref="ExportState"/> or by Go's crypto/sha256.</summary>
    /// <exception cref="FormatException">
    /// <paramref name="state"/> is not a <see cref="StateSize"/>-byte SHA-256 state: it is truncated,
    /// has another identifier (such as the SHA-224 one), or records more input than SHA-256 allows.
    /// </exception>
    public static ResumableSha256 Restore(ReadOnlySpan<byte> state) => Restore(state, DefaultBackend);

    /// <summary>Creates a hasher on the given backend. Tests use it to compare the two.</summary>
    /// <exception cref="PlatformNotSupportedException">The OpenSSL backend was requested but is not available.</exception>
    internal static ResumableSha256 Create(Sha256Backend backend) => new(CreateEngine(backend));

    internal static ResumableSha256 Restore(ReadOnlySpan<byte> state, Sha256Backend backend)
    {
        Span<uint> stateWords = stackalloc uint[Sha256Engine.StateWordCount];
        ulong length = Sha256StateFormat.Parse(state, stateWords, out ReadOnlySpan<byte> pendingBytes);

        Sha256Engine engine = CreateEngine(backend);
        engine.Load(stateWords, pendingBytes, length);
        return new ResumableSha256(engine);
    }

    /// <summary>Hashes <paramref name="data"/> after the bytes appended before. Allocates nothing.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _engine.Append(data);
    }

    /// <summary>
    /// Exports the state after the bytes hashed so far, <see cref="StateSize"/> bytes in Go's
    /// crypto/sha256 <c>MarshalBinary</c> format. The hasher stays usable.
    /// </summary>
    public byte[] ExportState()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        var state = new byte[StateSize];
        Sha256StateFormat.Write(state, _engine.StateWords, _engine.PendingBytes, _engine.Length);
        return state;
    }

    /// <summary>
    /// Computes the SHA-256 digest of the bytes hashed so far by finishing a copy of the state, so
    /// the hasher can take more input afterwards.
    /// </summary>
    public byte[] GetCurrentHash()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        var hash = new byte[HashSize];
        _engine.ComputeCurrentHash(hash);
        return hash;
    }

    /// <summary>Zeroes the state, which contains up to 63 bytes of the input. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _engine.Clear();
        _disposed = true;
    }

    private static Sha256Engine CreateEngine(Sha256Backend backend)
    {
        switch (backend)
        {
            case Sha256Backend.OpenSsl:
                if (!IsNativeAvailable)
                {
                    throw new PlatformNotSupportedException(
                        "OpenSSL SHA-256 is not available: libcrypto.so.3 could not be loaded or failed the SHA256_CTX layout check.");
                }

                return new OpenSslSha256();

            case Sha256Backend.Managed:
                return new ManagedSha256();

            default:
                throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown SHA-256 backend.");
        }
    }
}
