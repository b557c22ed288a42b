using Registry.Storage.Layout;

namespace Registry.Grains.Repositories;

/// <summary>
/// The manifests a repository served or stored last, bounded by their total size so that many
/// active repositories cannot exhaust memory. It is dropped whole when full: the hot manifests
/// come back on the next request.
/// </summary>
internal sealed class ManifestCache
{
    /// <summary>Total bytes of manifest content kept per repository.</summary>
    private const long MaxBytes = 4 * 1024 * 1024;

    private readonly Dictionary<Digest, ManifestContent> _entries = [];
    private long _bytes;

    public bool TryGet(Digest digest, out ManifestContent content) => _entries.TryGetValue(digest, out content!);

    public void Add(ManifestContent content)
    {
        if (_entries.ContainsKey(content.Digest))
        {
            return;
        }

        if (_bytes + content.Content.Length > MaxBytes)
        {
            _entries.Clear();
            _bytes = 0;
        }

        _entries[content.Digest] = content;
        _bytes += content.Content.Length;
    }

    public void Remove(Digest digest)
    {
        if (_entries.Remove(digest, out var removed))
        {
            _bytes -= removed.Content.Length;
        }
    }
}
