using System.Security.Cryptography;
using System.Text;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// The object names of distribution v2.8's Swift driver, in one container:
/// <code>
/// &lt;prefix&gt;/files/&lt;driver path&gt;                         a file, or the manifest of a large one
/// &lt;prefix&gt;/segments/&lt;3 hex&gt;/&lt;37 hex&gt;/&lt;16 digits&gt;   the numbered segments of one writer
/// </code>
/// The hex digits are the SHA-1 of the driver path and 32 random bytes, so each writer has segment names of its own.
/// </summary>
internal sealed class SwiftNames
{
    public SwiftNames(string prefix)
    {
        var root = prefix.Trim('/');
        FilesRoot = root.Length > 0 ? root + "/files" : "files";
        SegmentsRoot = root.Length > 0 ? root + "/segments" : "segments";
    }

    /// <summary>The name of the driver path <c>/</c>; every file's name starts with it and a slash.</summary>
    public string FilesRoot { get; }

    /// <summary>The prefix of every segment name, without a trailing slash.</summary>
    public string SegmentsRoot { get; }

    public string ObjectName(string path) => path == "/" ? FilesRoot : FilesRoot + path;

    /// <summary>The prefix that every object below <paramref name="path"/> starts with, ending in a slash.</summary>
    public string DirectoryPrefix(string path) => ObjectName(path) + "/";

    public string DriverPath(string objectName) => objectName[FilesRoot.Length..].TrimEnd('/') is { Length: > 0 } path ? path : "/";

    /// <summary>Returns a segments path no other writer uses.</summary>
    public string NewSegmentsPath(string path)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(path) + 32];
        var written = Encoding.UTF8.GetBytes(path, input);
        RandomNumberGenerator.Fill(input.AsSpan(written));
        var hex = Convert.ToHexStringLower(SHA1.HashData(input));
        return SegmentsRoot + "/" + hex[..3] + "/" + hex[3..];
    }

    /// <summary>The name of segment <paramref name="number"/> (from 1) of a segments path, zero-padded to 16 digits.</summary>
    public static string SegmentName(string segmentsPath, int number) => $"{segmentsPath}/{number:D16}";
}
