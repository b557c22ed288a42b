using System.Text.Json.Serialization;
using Registry.Gateway.Errors;

namespace Registry.Gateway;

/// <summary>Source-generated JSON for every body the gateway writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(RepositoryList))]
[JsonSerializable(typeof(ReferrersIndex))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

internal sealed record TagList(string Name, IReadOnlyList<string> Tags);

internal sealed record RepositoryList(IReadOnlyList<string> Repositories);

internal sealed record ReferrersIndex(int SchemaVersion, string MediaType, IReadOnlyList<ReferrerEntry> Manifests);

internal sealed record ReferrerEntry(
    string MediaType,
    string Digest,
    long Size,
    string? ArtifactType,
    IReadOnlyDictionary<string, string>? Annotations);
