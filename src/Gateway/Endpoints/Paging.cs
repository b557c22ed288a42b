using System.Globalization;

namespace Registry.Gateway.Endpoints;

/// <summary>The <c>Link</c> header of a paged listing (RFC 8288), as distribution sends it.</summary>
internal static class PageLink
{
    public static void Add(HttpContext context, string path, IReadOnlyList<string> page, int size)
    {
        var last = Uri.EscapeDataString(page[^1]);
        context.Response.Headers.Link = string.Create(CultureInfo.InvariantCulture, $"<{path}?last={last}&n={size}>; rel=\"next\"");
    }
}
