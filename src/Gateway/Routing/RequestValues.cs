using Registry.Grains.Errors;
using Registry.Storage.Layout;

namespace Registry.Gateway.Routing;

/// <summary>Parses the typed values of a request once, at the edge, raising the specification's error for bad input.</summary>
internal static class RequestValues
{
    public static RepositoryName Name(string value) => RepositoryName.TryParse(value, out var name, out var error)
        ? name
        : throw new RegistryException(RegistryErrorCode.NameInvalid, error);

    public static Digest Digest(string? value) => Storage.Layout.Digest.TryParse(value, out var digest, out var error)
        ? digest
        : throw new RegistryException(RegistryErrorCode.DigestInvalid, error);

    /// <summary>A manifest reference: a digest when it contains a colon, a tag otherwise.</summary>
    public static (Tag? Tag, Digest? Digest) Reference(string value)
    {
        if (value.Contains(':'))
        {
            return (null, Digest(value));
        }

        return Tag.TryParse(value, out var tag, out var error)
            ? (tag, null)
            : throw new RegistryException(RegistryErrorCode.TagInvalid, error);
    }

    /// <summary>
    /// Reads the page size <c>n</c>: absent gives <paramref name="defaultSize"/>, a value above
    /// <paramref name="maxSize"/> is cut to it, and anything but a non-negative integer is invalid.
    /// </summary>
    public static int PageSize(string? value, int defaultSize, int maxSize)
    {
        if (string.IsNullOrEmpty(value))
        {
            return defaultSize;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            // A number too large for an int is still a valid request for "as many as allowed".
            if (value.All(char.IsAsciiDigit))
            {
                return maxSize;
            }

            throw new RegistryException(RegistryErrorCode.PaginationNumberInvalid, $"page size n={value} is not a non-negative integer");
        }

        return Math.Min(size, maxSize);
    }
}
