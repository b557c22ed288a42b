using Registry.Storage.Layout;

namespace Registry.Grains.Serialization;

// The value types live in the storage project, which does not depend on Orleans; these surrogates
// carry them across grain calls in their canonical string form and parse them again on arrival.

[GenerateSerializer]
public struct DigestSurrogate
{
    [Id(0)]
    public string Value;
}

[RegisterConverter]
public sealed class DigestSurrogateConverter : IConverter<Digest, DigestSurrogate>
{
    public Digest ConvertFromSurrogate(in DigestSurrogate surrogate) => Digest.Parse(surrogate.Value);

    public DigestSurrogate ConvertToSurrogate(in Digest value) => new() { Value = value.ToString() };
}

[GenerateSerializer]
public struct RepositoryNameSurrogate
{
    [Id(0)]
    public string Value;
}

[RegisterConverter]
public sealed class RepositoryNameSurrogateConverter : IConverter<RepositoryName, RepositoryNameSurrogate>
{
    public RepositoryName ConvertFromSurrogate(in RepositoryNameSurrogate surrogate) => RepositoryName.Parse(surrogate.Value);

    public RepositoryNameSurrogate ConvertToSurrogate(in RepositoryName value) => new() { Value = value.Value };
}

[GenerateSerializer]
public struct TagSurrogate
{
    [Id(0)]
    public string Value;
}

[RegisterConverter]
public sealed class TagSurrogateConverter : IConverter<Tag, TagSurrogate>
{
    public Tag ConvertFromSurrogate(in TagSurrogate surrogate) => Tag.Parse(surrogate.Value);

    public TagSurrogate ConvertToSurrogate(in Tag value) => new() { Value = value.Value };
}
