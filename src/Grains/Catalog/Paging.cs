namespace Registry.Grains.Catalog;

/// <summary>Cuts pages out of a sorted name set for the tags and catalog listings.</summary>
internal static class Paging
{
    /// <summary>Returns up to <paramref name="limit"/> names strictly after <paramref name="last"/> (ordinal order).</summary>
    public static NamePage Page(SortedSet<string> names, string? last, int limit)
    {
        IEnumerable<string> tail = names;
        if (!string.IsNullOrEmpty(last) && names.Count > 0)
        {
            var max = names.Max!;
            if (string.CompareOrdinal(last, max) >= 0)
            {
                return new NamePage([], false);
            }

            tail = names.GetViewBetween(last, max).Where(name => name != last);
        }

        var page = new List<string>(Math.Min(limit, names.Count));
        var hasMore = false;
        foreach (var name in tail)
        {
            if (page.Count == limit)
            {
                hasMore = true;
                break;
            }

            page.Add(name);
        }

        return new NamePage(page, hasMore);
    }
}
