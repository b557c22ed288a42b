using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Registry.Storage.Hashing;

/// <summary>
/// SHA-256 through OpenSSL's low-level SHA256_Init/Update/Final in libcrypto.so.3, on a
/// <c>SHA256_CTX</c> kept in a pinned array, so the state can be read and written as plain memory.
/// </summary>
/// <remarks>
/// <c>SHA256_CTX</c> in openssl/sha.h (OpenSSL 3.0) is
/// <c>{ unsigned int h[8]; unsigned int Nl, Nh; unsigned int data[16]; unsigned int num, md_len; }</c>,
/// 112 bytes: h is the eight state words as native integers, Nl and Nh the low and high halves of
/// the input length in bits, data the pending input bytes in input order, num their count, and
/// md_len the digest size. <see cref="IsAvailable"/> checks this layout once before any use.
/// </remarks>
internal sealed unsafe partial class OpenSslSha256 : Sha256Engine
{
    private const string LibraryName = "libcrypto.so.3";

    // Indexes of the SHA256_CTX fields, counted in 32-bit words.
    private const int LengthBitsLowIndex = 8;
    private const int LengthBitsHighIndex = 9;
    private const int DataIndex = 10;
    private const int PendingCountIndex = 26;
    private const int DigestSizeIndex = 27;
    private const int ContextWordCount = 28;

    // Allocated on the pinned object heap, so pinning it for each native call costs nothing and
    // the context never moves while OpenSSL works on it.
    private readonly uint[] _context = GC.AllocateArray<uint>(ContextWordCount, pinned: true);

    public OpenSslSha256()
    {
        fixed (uint* context = _context)
        {
            if (SHA256_Init(context) != 1)
            {
                throw new CryptographicException("OpenSSL SHA256_Init failed.");
            }
        }
    }

    /// <summary>
    /// Whether libcrypto.so.3 loads, exports the SHA-256 functions and lays out SHA256_CTX as
    /// expected. Checked once per process.
    /// </summary>
    public static bool IsAvailable => Availability.IsAvailable;

    public override Sha256Backend Backend => Sha256Backend.OpenSsl;

    public override ulong Length =>
        (((ulong)_context[LengthBitsHighIndex] << 32) | _context[LengthBitsLowIndex]) >> 3;

    public override ReadOnlySpan<uint> StateWords => _context.AsSpan(0, StateWordCount);

    public override ReadOnlySpan<byte> PendingBytes =>
        MemoryMarshal.AsBytes(_context.AsSpan(DataIndex, BlockSize / 4)).Slice(0, (int)_context[PendingCountIndex]);

    public override void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        fixed (uint* context = _context)
        fixed (byte* input = data)
        {
            if (SHA256_Update(context, input, (nuint)data.Length) != 1)
            {
                throw new CryptographicException("OpenSSL SHA256_Update failed.");
            }
        }
    }

    public override void ComputeCurrentHash(Span<byte> destination)
    {
        // SHA256_Final pads and ends the context it gets, so it works on a copy on the stack.
        uint* copy = stackalloc uint[ContextWordCount];
        _context.AsSpan().CopyTo(new Span<uint>(copy, ContextWordCount));

        fixed (byte* digest = destination)
        {
            if (SHA256_Final(digest, copy) != 1)
            {
                throw new CryptographicException("OpenSSL SHA256_Final failed.");
            }
        }

        new Span<uint>(copy, ContextWordCount).Clear();
    }

    public override void Load(ReadOnlySpan<uint> stateWords, ReadOnlySpan<byte> pendingBytes, ulong length)
    {
        Array.Clear(_context);
        stateWords.CopyTo(_context);

        ulong lengthBits = length << 3;
        _context[LengthBitsLowIndex] = (uint)lengthBits;
        _context[LengthBitsHighIndex] = (uint)(lengthBits >> 32);

        pendingBytes.CopyTo(MemoryMarshal.AsBytes(_context.AsSpan(DataIndex, BlockSize / 4)));
        _context[PendingCountIndex] = (uint)pendingBytes.Length;
        _context[DigestSizeIndex] = HashSize;
    }

    public override void Clear() => Array.Clear(_context);

    // The low-level SHA-256 functions are deprecated in OpenSSL 3.0 but still exported by
    // libcrypto.so.3. The EVP interface that replaces them keeps its state opaque, which would
    // make export and restore impossible. Each returns 1 on success.
    [LibraryImport(LibraryName)]
    private static partial int SHA256_Init(uint* context);

    [LibraryImport(LibraryName)]
    private static partial int SHA256_Update(uint* context, byte* data, nuint length);

    [LibraryImport(LibraryName)]
    private static partial int SHA256_Final(byte* digest, uint* context);

    /// <summary>Loads libcrypto.so.3 and checks the SHA256_CTX layout on first use.</summary>
    private static class Availability
    {
        public static readonly bool IsAvailable = Probe();

        private const uint Canary = 0xA5A5A5A5;

        private static bool Probe()
        {
            try
            {
                return ProbeLayout();
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }

        /// <summary>
        /// Runs SHA256_Init, SHA256_Update("abc") and SHA256_Final on a context with room to spare
        /// and checks every field that export and restore rely on, and that OpenSSL wrote nothing
        /// past 112 bytes.
        /// </summary>
        private static bool ProbeLayout()
        {
            const int probeWordCount = 2 * ContextWordCount;
            uint* probe = stackalloc uint[probeWordCount];
            var words = new Span<uint>(probe, probeWordCount);
            words.Fill(Canary);

            if (SHA256_Init(probe) != 1
                || !words.Slice(0, StateWordCount).SequenceEqual(ManagedSha256.InitialHashValue)
                || words[LengthBitsLowIndex] != 0
                || words[LengthBitsHighIndex] != 0
                || words[PendingCountIndex] != 0
                || words[DigestSizeIndex] != HashSize
                || words.Slice(ContextWordCount).ContainsAnyExcept(Canary))
            {
                return false;
            }

            ReadOnlySpan<byte> abc = "abc"u8;
            fixed (byte* input = abc)
            {
                if (SHA256_Update(probe, input, (nuint)abc.Length) != 1)
                {
                    return false;
                }
            }

            if (words[LengthBitsLowIndex] != 24
                || words[LengthBitsHighIndex] != 0
                || words[PendingCountIndex] != 3
                || !MemoryMarshal.AsBytes(words.Slice(DataIndex, 1)).Slice(0, 3).SequenceEqual(abc))
            {
                return false;
            }

            Span<byte> digest = stackalloc byte[HashSize];
            fixed (byte* output = digest)
            {
                if (SHA256_Final(output, probe) != 1)
                {
                    return false;
                }
            }

            return digest.SequenceEqual(SHA256.HashData(abc))
                && !words.Slice(ContextWordCount).ContainsAnyExcept(Canary);
        }
    }
}
