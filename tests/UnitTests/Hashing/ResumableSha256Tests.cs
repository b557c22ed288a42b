using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Registry.Storage.Hashing;

namespace Registry.UnitTests.Hashing;

public sealed class ResumableSha256Tests
{
    private const int OneMiB = 1 << 20;

    private const string Identifier = "73686103";
    private const string InitialHashValue = "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19";
    private const string ZeroBlock =
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    private const string ZeroLength = "0000000000000000";
    private const string EmptyState = Identifier + InitialHashValue + ZeroBlock + ZeroLength;

    /// <summary>Backends the theories run on: the managed one always, OpenSSL where it loads.</summary>
    private static string[] Backends =>
        ResumableSha256.IsNativeAvailable
            ? [nameof(Sha256Backend.OpenSsl), nameof(Sha256Backend.Managed)]
            : [nameof(Sha256Backend.Managed)];

    public static TheoryData<string, int, int> LengthsAndChunkSizes()
    {
        // A chunk size of 0 means one Append call with all the data.
        (int Length, int ChunkSize)[] rows =
        [
            (0, 0), (1, 0), (55, 0), (56, 0), (63, 0), (64, 0), (65, 0), (1000, 0), (OneMiB, 0),
            (55, 1), (56, 1), (63, 1), (64, 1), (65, 1), (1000, 1), (1000, 7), (1000, 63), (1000, 64), (1000, 65),
            (OneMiB, 1), (OneMiB, 63), (OneMiB, 64), (OneMiB, 4096), (OneMiB, 100_003),
        ];

        var data = new TheoryData<string, int, int>();
        foreach (string backend in Backends)
        {
            foreach ((int length, int chunkSize) in rows)
            {
                data.Add(backend, length, chunkSize);
            }
        }

        return data;
    }

    public static TheoryData<string, int, int[]> LengthsAndSplitPatterns()
    {
        // Each pattern lists chunk sizes that repeat until the data ends.
        (int Length, int[] Pattern)[] rows =
        [
            (1000, [3, 61]),
            (1000, [1, 63, 64, 65]),
            (OneMiB, [1, 63, 64, 65, 4095]),
            (OneMiB, [127, 0, 1, 129, 8191]),
        ];

        var data = new TheoryData<string, int, int[]>();
        foreach (string backend in Backends)
        {
            foreach ((int length, int[] pattern) in rows)
            {
                data.Add(backend, length, pattern);
            }
        }

        return data;
    }

    public static TheoryData<string, string, int> ExportAndRestoreBackendsAndOffsets()
    {
        int[] offsets = [0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 191, 192, 193, 1000, 4096, 4999, 5000];

        var data = new TheoryData<string, string, int>();
        foreach (string exportBackend in Backends)
        {
            foreach (string restoreBackend in Backends)
            {
                foreach (int offset in offsets)
                {
                    data.Add(exportBackend, restoreBackend, offset);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, int> BackendsAndPrefixLengths()
    {
        int[] prefixLengths = [0, 3, 55, 56, 63, 64, 100, 1000];

        var data = new TheoryData<string, int>();
        foreach (string backend in Backends)
        {
            foreach (int prefixLength in prefixLengths)
            {
                data.Add(backend, prefixLength);
            }
        }

        return data;
    }

    public static TheoryData<string> AllBackends() => new(Backends);

    /// <summary>
    /// States that Go 1.19.8's crypto/sha256 MarshalBinary returned after hashing the first
    /// <c>length</c> bytes of <see cref="PatternData"/>.
    /// </summary>
    private static readonly (int Length, string State)[] GoStates =
    [
        (0, "736861036a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        (1, "736861036a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19030000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"),
        (55, "736861036a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d0000000000000000000000000000000037"),
        (56, "736861036a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d8400000000000000000000000000000038"),
        (63, "736861036a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b9299a0a7aeb500000000000000003f"),
        (64, "73686103efd29b436f63eaf244f598951fbb7c8f2a517b27d2015d2951958d1b5d12bf47000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000040"),
        (65, "73686103efd29b436f63eaf244f598951fbb7c8f2a517b27d2015d2951958d1b5d12bf47c30000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000041"),
        (127, "73686103efd29b436f63eaf244f598951fbb7c8f2a517b27d2015d2951958d1b5d12bf47c3cad1d8dfe6edf4fb020910171e252c333a41484f565d646b727980878e959ca3aab1b8bfc6cdd4dbe2e9f0f7fe050c131a21282f363d444b525960676e7500000000000000007f"),
        (128, "73686103cb64ceb6c5b7d358dbdd0cdac862363bde54a32b5af7981117e603240711038f000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000080"),
        (1000, "73686103903cd676d44cb6a405980da7373b08601ff581e799357ed5ee7d09778b3e188c434a51585f666d747b828990979ea5acb3bac1c8cfd6dde4ebf2f900070e151c232a31383f464d5400000000000000000000000000000000000000000000000000000000000003e8"),
    ];

    public static TheoryData<string, int, string> BackendsAndGoStates()
    {
        var data = new TheoryData<string, int, string>();
        foreach (string backend in Backends)
        {
            foreach ((int length, string state) in GoStates)
            {
                data.Add(backend, length, state);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LengthsAndChunkSizes))]
    public void Hash_FixedChunks_MatchesHashData(string backend, int length, int chunkSize)
    {
        byte[] data = RandomData(length);
        using ResumableSha256 hasher = Create(backend);

        AppendInChunks(hasher, data, chunkSize == 0 ? [Math.Max(length, 1)] : [chunkSize]);

        Assert.Equal(length, hasher.BytesHashed);
        Assert.Equal(SHA256.HashData(data), hasher.GetCurrentHash());
    }

    [Theory]
    [MemberData(nameof(LengthsAndSplitPatterns))]
    public void Hash_IrregularChunks_MatchesHashData(string backend, int length, int[] pattern)
    {
        byte[] data = RandomData(length);
        using ResumableSha256 hasher = Create(backend);

        AppendInChunks(hasher, data, pattern);

        Assert.Equal(length, hasher.BytesHashed);
        Assert.Equal(SHA256.HashData(data), hasher.GetCurrentHash());
    }

    [Theory]
    [MemberData(nameof(ExportAndRestoreBackendsAndOffsets))]
    public void ExportRestore_ContinuesToSameHash(string exportBackend, string restoreBackend, int offset)
    {
        byte[] data = RandomData(5000);
        using ResumableSha256 first = Create(exportBackend);
        first.Append(data.AsSpan(0, offset));

        byte[] state = first.ExportState();
        using ResumableSha256 resumed = Restore(state, restoreBackend);

        Assert.Equal(ResumableSha256.StateSize, state.Length);
        Assert.Equal(offset, resumed.BytesHashed);
        Assert.Equal(state, resumed.ExportState());

        resumed.Append(data.AsSpan(offset));

        Assert.Equal(data.Length, resumed.BytesHashed);
        Assert.Equal(SHA256.HashData(data), resumed.GetCurrentHash());
    }

    [Fact]
    public void ExportRestore_ManyChunksAcrossBackends()
    {
        // Mimics an upload of many PATCH requests whose hash state is stored after each one and
        // restored on whichever replica takes the next, alternating backends where both exist.
        byte[] data = RandomData(40_000);
        int[] chunkSizes = [1, 63, 64, 65, 1000, 3, 4096, 8191, 5, 0, 128];
        string[] backends = Backends;

        byte[] state;
        using (ResumableSha256 initial = Create(backends[0]))
        {
            state = initial.ExportState();
        }

        int offset = 0;
        for (int i = 0; offset < data.Length; i++)
        {
            int chunkSize = Math.Min(chunkSizes[i % chunkSizes.Length], data.Length - offset);
            using ResumableSha256 hasher = Restore(state, backends[i % backends.Length]);
            hasher.Append(data.AsSpan(offset, chunkSize));
            offset += chunkSize;
            state = hasher.ExportState();
        }

        using ResumableSha256 final = ResumableSha256.Restore(state);
        Assert.Equal(data.Length, final.BytesHashed);
        Assert.Equal(SHA256.HashData(data), final.GetCurrentHash());
    }

    [Theory]
    [MemberData(nameof(BackendsAndPrefixLengths))]
    public void GetCurrentHash_DoesNotDisturbAppends(string backend, int prefixLength)
    {
        byte[] data = RandomData(2000);
        using ResumableSha256 hasher = Create(backend);
        hasher.Append(data.AsSpan(0, prefixLength));
        byte[] stateBefore = hasher.ExportState();

        byte[] prefixHash = hasher.GetCurrentHash();
        byte[] prefixHashAgain = hasher.GetCurrentHash();

        Assert.Equal(SHA256.HashData(data.AsSpan(0, prefixLength)), prefixHash);
        Assert.Equal(prefixHash, prefixHashAgain);
        Assert.Equal(stateBefore, hasher.ExportState());
        Assert.Equal(prefixLength, hasher.BytesHashed);

        hasher.Append(data.AsSpan(prefixLength));

        Assert.Equal(SHA256.HashData(data), hasher.GetCurrentHash());
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public void ExportState_NoInput_IsIdentifierIvAndZeros(string backend)
    {
        using ResumableSha256 hasher = Create(backend);

        byte[] state = hasher.ExportState();

        Assert.Equal(Convert.FromHexString(EmptyState), state);
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public void ExportState_Abc_HoldsPendingBytesAndLength(string backend)
    {
        // No block is complete after 3 bytes, so the state words are still the initial hash value.
        string expected = Identifier + InitialHashValue + "616263" + new string('0', 2 * 61) + "0000000000000003";
        using ResumableSha256 hasher = Create(backend);

        hasher.Append("abc"u8);

        Assert.Equal(Convert.FromHexString(expected), hasher.ExportState());
    }

    [Theory]
    [MemberData(nameof(BackendsAndGoStates))]
    public void ExportState_MatchesGoMarshalBinary(string backend, int length, string goState)
    {
        byte[] data = PatternData(length);
        using ResumableSha256 whole = Create(backend);
        using ResumableSha256 bytewise = Create(backend);

        whole.Append(data);
        AppendInChunks(bytewise, data, [1]);

        Assert.Equal(Convert.FromHexString(goState), whole.ExportState());
        Assert.Equal(Convert.FromHexString(goState), bytewise.ExportState());
    }

    [Theory]
    [MemberData(nameof(BackendsAndGoStates))]
    public void Restore_GoState_ContinuesToSameHash(string backend, int length, string goState)
    {
        byte[] data = PatternData(2000);
        using ResumableSha256 hasher = Restore(Convert.FromHexString(goState), backend);

        Assert.Equal(length, hasher.BytesHashed);

        hasher.Append(data.AsSpan(length));

        Assert.Equal(SHA256.HashData(data), hasher.GetCurrentHash());
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public void Restore_IgnoresBlockBytesAfterPending(string backend)
    {
        // Older Go releases exported the whole 64-byte block buffer, including bytes left over from
        // earlier blocks, so only the first length % 64 bytes of it may be used.
        byte[] data = PatternData(1000);
        byte[] state = Convert.FromHexString(GoStates.Single(entry => entry.Length == 65).State);
        byte[] cleanState = (byte[])state.Clone();
        const int blockOffset = 4 + 32;
        state.AsSpan(blockOffset + 1, 63).Fill(0xEE);

        using ResumableSha256 hasher = Restore(state, backend);

        Assert.Equal(cleanState, hasher.ExportState());

        hasher.Append(data.AsSpan(65));

        Assert.Equal(SHA256.HashData(data), hasher.GetCurrentHash());
    }

    [Theory]
    [InlineData("", "identifier")]
    [InlineData("736861", "identifier")]
    [InlineData("00000000" + InitialHashValue + ZeroBlock + ZeroLength, "identifier")]
    [InlineData("73686102" + InitialHashValue + ZeroBlock + ZeroLength, "SHA-224")]
    [InlineData(Identifier, "expected 108 bytes but got 4")]
    [InlineData(Identifier + InitialHashValue + ZeroBlock + "00000000000000", "expected 108 bytes but got 107")]
    [InlineData(EmptyState + "00", "expected 108 bytes but got 109")]
    [InlineData(Identifier + InitialHashValue + ZeroBlock + "2000000000000000", "exceeds")]
    public void Restore_InvalidState_ThrowsFormatException(string stateHex, string expectedMessagePart)
    {
        byte[] state = Convert.FromHexString(stateHex);

        FormatException exception = Assert.Throws<FormatException>(() => ResumableSha256.Restore(state));

        Assert.Contains(expectedMessagePart, exception.Message);
    }

    [Fact]
    public void Restore_MaxLength_IsAccepted()
    {
        // 2^61 - 1 bytes is the longest input SHA-256 allows (less than 2^64 bits).
        byte[] state = Convert.FromHexString(Identifier + InitialHashValue + ZeroBlock + "1fffffffffffffff");

        using ResumableSha256 hasher = ResumableSha256.Restore(state);

        Assert.Equal((1L << 61) - 1, hasher.BytesHashed);
        Assert.Equal(state, hasher.ExportState());
    }

    [Theory]
    [MemberData(nameof(LengthsAndChunkSizes))]
    public void NativeAndManaged_ProduceIdenticalStates(string backend, int length, int chunkSize)
    {
        // Each row compares the row's backend against the managed one, so OpenSSL rows check
        // that the SHA256_CTX conversion matches the managed state word for word.
        byte[] data = RandomData(length);
        using ResumableSha256 hasher = Create(backend);
        using ResumableSha256 managed = ResumableSha256.Create(Sha256Backend.Managed);

        AppendInChunks(hasher, data, chunkSize == 0 ? [Math.Max(length, 1)] : [chunkSize]);
        managed.Append(data);

        Assert.Equal(managed.ExportState(), hasher.ExportState());
        Assert.Equal(managed.GetCurrentHash(), hasher.GetCurrentHash());
    }

    [Fact]
    public void IsNativeAvailable_WhereLibcryptoLoads()
    {
        // Guards against the layout check rejecting a usable OpenSSL and silently falling back.
        bool loads = NativeLibrary.TryLoad("libcrypto.so.3", out IntPtr handle);
        if (loads)
        {
            NativeLibrary.Free(handle);
        }

        Assert.Equal(loads, ResumableSha256.IsNativeAvailable);
    }

    [Fact]
    public void Create_UsesOpenSslWhenAvailable()
    {
        using ResumableSha256 hasher = ResumableSha256.Create();

        Sha256Backend expected = ResumableSha256.IsNativeAvailable ? Sha256Backend.OpenSsl : Sha256Backend.Managed;
        Assert.Equal(expected, hasher.Backend);
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public void Append_AllocatesNothing(string backend)
    {
        const int callCount = 2000;
        byte[] data = RandomData(10_000);
        using ResumableSha256 hasher = Create(backend);

        // The first round lets the JIT compile and tier up, which allocates on this thread.
        AppendRepeatedly(hasher, data, callCount);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        AppendRepeatedly(hasher, data, callCount);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Any allocation per call would cost at least 24 bytes per call. The bound leaves room for
        // the odd runtime allocation, such as a late tier-up, in the measured round.
        Assert.True(allocated < callCount, $"{callCount} Append calls allocated {allocated} bytes.");
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public void Dispose_LaterCallsThrow(string backend)
    {
        ResumableSha256 hasher = Create(backend);
        hasher.Append("abc"u8);

        hasher.Dispose();
        hasher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => hasher.Append("d"u8));
        Assert.Throws<ObjectDisposedException>(() => hasher.ExportState());
        Assert.Throws<ObjectDisposedException>(() => hasher.GetCurrentHash());
        Assert.Throws<ObjectDisposedException>(() => hasher.BytesHashed);
    }

    private static ResumableSha256 Create(string backend) =>
        ResumableSha256.Create(Enum.Parse<Sha256Backend>(backend));

    private static ResumableSha256 Restore(byte[] state, string backend) =>
        ResumableSha256.Restore(state, Enum.Parse<Sha256Backend>(backend));

    /// <summary>Appends <paramref name="data"/> in chunks whose sizes cycle through <paramref name="chunkSizes"/>.</summary>
    private static void AppendInChunks(ResumableSha256 hasher, byte[] data, int[] chunkSizes)
    {
        int offset = 0;
        for (int i = 0; offset < data.Length; i++)
        {
            int chunkSize = Math.Min(chunkSizes[i % chunkSizes.Length], data.Length - offset);
            hasher.Append(data.AsSpan(offset, chunkSize));
            offset += chunkSize;
        }
    }

    private static void AppendRepeatedly(ResumableSha256 hasher, byte[] data, int callCount)
    {
        for (int i = 0; i < callCount; i++)
        {
            hasher.Append(data.AsSpan(0, i % 200));
        }
    }

    private static byte[] RandomData(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    /// <summary>The input of <see cref="GoStates"/>: byte i is <c>i * 7 + 3</c> modulo 256.</summary>
    private static byte[] PatternData(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 7) + 3);
        }

        return data;
    }
}
