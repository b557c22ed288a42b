using System.Buffers.Text;
using System.Security.Cryptography;
using Registry.Gateway.Auth.Token;

namespace Registry.UnitTests.Auth;

public sealed class KeyIdsTests
{
    // The RSA key of RFC 7638 section 3.1 and its thumbprint from that section.
    private const string RfcModulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private static TrustedKey RfcKey()
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(RfcModulus), Exponent = Base64Url.DecodeFromChars("AQAB") });
        return TrustedKey.FromRsa(rsa);
    }

    [Fact]
    public void Thumbprint_Rfc7638Example_MatchesRfc()
    {
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", KeyIds.Thumbprint(RfcKey()));
    }

    [Fact]
    public void Libtrust_Rfc7638Key_MatchesIndependentComputation()
    {
        // Computed outside .NET: SHA-256 of the DER SubjectPublicKeyInfo, first 30 bytes, base32, groups of 4.
        Assert.Equal("VUZD:EDHW:YWLN:RBFQ:KOA3:UVZ2:XKG5:2V2J:WTPI:6SRD:U6PZ:VCO5", KeyIds.Libtrust(RfcKey()));
    }

    [Fact]
    public void Thumbprint_EcKey_UsesKeyCoordinates()
    {
        var pki = TokenTestPki.Shared;
        var parameters = pki.EcKey.ExportParameters(false);
        var members = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(parameters.Q.X)}}","y":"{{Base64Url.EncodeToString(parameters.Q.Y)}}"}""";
        var expected = Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(members)));

        Assert.Equal(expected, KeyIds.Thumbprint(TrustedKey.FromECDsa(pki.EcKey)));
        Assert.NotEqual(expected, KeyIds.Thumbprint(TrustedKey.FromECDsa(pki.UnknownEcKey)));
    }
}
