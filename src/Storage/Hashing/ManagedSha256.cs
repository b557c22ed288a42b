using System.Buffers.Binary;
using System.Numerics;

namespace Registry.Storage.Hashing;

/// <summary>
/// SHA-256 as specified in FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1, 5.3.3 and 6.2), in managed
/// code. It serves where libcrypto.so.3 cannot be loaded and is several times slower than OpenSSL.
/// </summary>
internal sealed class ManagedSha256 : Sha256Engine
{
    private readonly uint[] _stateWords = new uint[StateWordCount];
    private readonly byte[] _block = new byte[BlockSize];
    private int _pendingCount;
    private ulong _length;

    // The constant tables are arrays, not ReadOnlySpan properties over collection expressions,
    // because in unoptimized (Debug) code each read of such a property allocated a RuntimeFieldInfoStub.
    private static readonly uint[] InitialHashValueWords =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    /// <summary>The round constants K0..K63 of FIPS 180-4 section 4.2.2.</summary>
    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    public ManagedSha256()
    {
        InitialHashValueWords.CopyTo(_stateWords, 0);
    }

    /// <summary>The initial hash value H(0) of FIPS 180-4 section 5.3.3.</summary>
    public static ReadOnlySpan<uint> InitialHashValue => InitialHashValueWords;

    public override Sha256Backend Backend => Sha256Backend.Managed;

    public override ulong Length => _length;

    public override ReadOnlySpan<uint> StateWords => _stateWords;

    public override ReadOnlySpan<byte> PendingBytes => _block.AsSpan(0, _pendingCount);

    public override void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;

        if (_pendingCount > 0)
        {
            int copied = Math.Min(BlockSize - _pendingCount, data.Length);
            data.Slice(0, copied).CopyTo(_block.AsSpan(_pendingCount));
            _pendingCount += copied;
            data = data.Slice(copied);
            if (_pendingCount < BlockSize)
            {
                return;
            }

            ProcessBlocks(_stateWords, _block);
            _pendingCount = 0;
        }

        int wholeBlocksLength = data.Length & ~(BlockSize - 1);
        if (wholeBlocksLength > 0)
        {
            ProcessBlocks(_stateWords, data.Slice(0, wholeBlocksLength));
            data = data.Slice(wholeBlocksLength);
        }

        data.CopyTo(_block);
        _pendingCount = data.Length;
    }

    public override void ComputeCurrentHash(Span<byte> destination)
    {
        Span<uint> words = stackalloc uint[StateWordCount];
        _stateWords.CopyTo(words);

        // Padding (FIPS 180-4 section 5.1.1): a 1 bit, zeros up to 56 bytes into a block, then the
        // length in bits as a big-endian uint64. It takes a second block when 56 or more bytes are pending.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        PendingBytes.CopyTo(tail);
        tail[_pendingCount] = 0x80;
        int tailLength = _pendingCount < BlockSize - 8 ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8), _length << 3);
        ProcessBlocks(words, tail.Slice(0, tailLength));

        for (int i = 0; i < StateWordCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(i * 4), words[i]);
        }
    }

    public override void Load(ReadOnlySpan<uint> stateWords, ReadOnlySpan<byte> pendingBytes, ulong length)
    {
        stateWords.CopyTo(_stateWords);
        Array.Clear(_block);
        pendingBytes.CopyTo(_block);
        _pendingCount = pendingBytes.Length;
        _length = length;
    }

    public override void Clear()
    {
        Array.Clear(_stateWords);
        Array.Clear(_block);
        _pendingCount = 0;
        _length = 0;
    }

    /// <summary>Runs the SHA-256 hash computation (FIPS 180-4 section 6.2.2) over whole 64-byte blocks.</summary>
    private static void ProcessBlocks(Span<uint> stateWords, ReadOnlySpan<byte> blocks)
    {
        ReadOnlySpan<uint> k = RoundConstants;
        Span<uint> schedule = stackalloc uint[64];

        uint h0 = stateWords[0], h1 = stateWords[1], h2 = stateWords[2], h3 = stateWords[3];
        uint h4 = stateWords[4], h5 = stateWords[5], h6 = stateWords[6], h7 = stateWords[7];

        while (blocks.Length >= BlockSize)
        {
            for (int t = 0; t < 16; t++)
            {
                schedule[t] = BinaryPrimitives.ReadUInt32BigEndian(blocks.Slice(t * 4));
            }

            for (int t = 16; t < 64; t++)
            {
                uint w2 = schedule[t - 2];
                uint w15 = schedule[t - 15];
                uint sigma1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
                uint sigma0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
                schedule[t] = sigma1 + schedule[t - 7] + sigma0 + schedule[t - 16];
            }

            uint a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint t1 = h + bigSigma1 + choose + k[t] + schedule[t];
                uint bigSigma0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigSigma0 + majority;

                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
            h5 += f;
            h6 += g;
            h7 += h;

            blocks = blocks.Slice(BlockSize);
        }

        stateWords[0] = h0;
        stateWords[1] = h1;
        stateWords[2] = h2;
        stateWords[3] = h3;
        stateWords[4] = h4;
        stateWords[5] = h5;
        stateWords[6] = h6;
        stateWords[7] = h7;
    }
}
