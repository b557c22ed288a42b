using System.Diagnostics.CodeAnalysis;

namespace Registry.Storage.Layout;

/// <summary>
/// A content digest, <c>algorithm:hex</c>, restricted to the algorithms the registry can verify:
/// <c>sha256</c> (64 lowercase hex digits) and <c>sha512</c> (128).
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    /// <summary>The digest of zero bytes with SHA-256.</summary>
    public static Digest EmptySha256 { get; } =
        new(Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    public static Digest Parse(string value) =>
        TryParse(value, out var digest, out var error) ? digest : throw new FormatException(error);

    public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

    /// <summary>Parses a digest, with a message that names what is wrong when it fails.</summary>
    public static bool TryParse(string? value, out Digest digest, [NotNullWhen(false)] out string? error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "digest is empty";
            return false;
        }

        var colon = value.IndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"digest '{value}' is not of the form algorithm:hex";
            return false;
        }

        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        int expectedLength;
        switch (algorithm)
        {
            case Sha256:
                expectedLength = 64;
                break;
            case Sha512:
                expectedLength = 128;
                break;
            default:
                error = $"digest algorithm '{algorithm}' is not supported; use sha256 or sha512";
                return false;
        }

        if (hex.Length != expectedLength)
        {
            error = $"{algorithm} digest must have {expectedLength} hex digits, not {hex.Length}";
            return false;
        }

        foreach (var c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                error = $"digest '{value}' must use lowercase hex digits only";
                return false;
            }
        }

        digest = new Digest(algorithm, hex);
        error = null;
        return true;
    }

    /// <summary>Builds a digest from a raw hash value.</summary>
    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) =>
        Parse($"{algorithm}:{Convert.ToHexStringLower(hash)}");

    public override string ToString() => Algorithm is null ? "" : $"{Algorithm}:{Hex}";
}
